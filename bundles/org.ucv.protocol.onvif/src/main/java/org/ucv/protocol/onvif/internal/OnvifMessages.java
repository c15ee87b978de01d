package org.ucv.protocol.onvif.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The request elements of the operations we use, each declaring its own namespaces so it can sit
 * in any envelope. Values are XML-escaped; numbers are written in plain decimal (never with an
 * exponent, which {@code xs:float} parsers of small devices may not take).
 */
public final class OnvifMessages {
    private static final String TDS = " xmlns:tds=\"" + Ns.DEVICE + "\"";
    private static final String TRT = " xmlns:trt=\"" + Ns.MEDIA + "\" xmlns:tt=\"" + Ns.SCHEMA + "\"";
    private static final String TR2 = " xmlns:tr2=\"" + Ns.MEDIA2 + "\"";
    private static final String TPTZ = " xmlns:tptz=\"" + Ns.PTZ + "\" xmlns:tt=\"" + Ns.SCHEMA + "\"";

    private OnvifMessages() {
    }

    public static String getSystemDateAndTime() {
        return "<tds:GetSystemDateAndTime" + TDS + "/>";
    }

    public static String getDeviceInformation() {
        return "<tds:GetDeviceInformation" + TDS + "/>";
    }

    public static String getCapabilities() {
        return "<tds:GetCapabilities" + TDS + "><tds:Category>All</tds:Category></tds:GetCapabilities>";
    }

    public static String getServices() {
        return "<tds:GetServices" + TDS + "><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>";
    }

    /** Media (ver10) GetProfiles: every profile with its configurations. */
    public static String getProfiles() {
        return "<trt:GetProfiles" + TRT + "/>";
    }

    /** Media2 GetProfiles: without {@code Type} a device returns names and tokens only, so ask for All. */
    public static String getProfiles2() {
        return "<tr2:GetProfiles" + TR2 + "><tr2:Type>All</tr2:Type></tr2:GetProfiles>";
    }

    /**
     * Media (ver10) GetStreamUri for RTP unicast.
     *
     * @param profileToken the profile
     * @param transport {@code RTSP} (RTP over RTSP over TCP, also what UDP clients ask for), {@code UDP}
     *        or {@code HTTP} (RTSP tunnelled in HTTP)
     */
    public static String getStreamUri(String profileToken, String transport) {
        return "<trt:GetStreamUri" + TRT + "><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream>"
                + "<tt:Transport><tt:Protocol>" + SafeXml.escape(transport) + "</tt:Protocol></tt:Transport>"
                + "</trt:StreamSetup><trt:ProfileToken>" + SafeXml.escape(profileToken) + "</trt:ProfileToken>"
                + "</trt:GetStreamUri>";
    }

    /**
     * Media2 GetStreamUri.
     *
     * @param profileToken the profile
     * @param protocol a {@code tr2:TransportProtocol}: {@code RtspUnicast} (RTP over UDP, the URI
     *        serves interleaved TCP as well), {@code RTSP} (RTP over RTSP over TCP) or {@code RtspOverHttp}
     */
    public static String getStreamUri2(String profileToken, String protocol) {
        return "<tr2:GetStreamUri" + TR2 + "><tr2:Protocol>" + SafeXml.escape(protocol) + "</tr2:Protocol>"
                + "<tr2:ProfileToken>" + SafeXml.escape(profileToken) + "</tr2:ProfileToken></tr2:GetStreamUri>";
    }

    public static String getSnapshotUri(String profileToken) {
        return "<trt:GetSnapshotUri" + TRT + "><trt:ProfileToken>" + SafeXml.escape(profileToken)
                + "</trt:ProfileToken></trt:GetSnapshotUri>";
    }

    public static String getSnapshotUri2(String profileToken) {
        return "<tr2:GetSnapshotUri" + TR2 + "><tr2:ProfileToken>" + SafeXml.escape(profileToken)
                + "</tr2:ProfileToken></tr2:GetSnapshotUri>";
    }

    public static String getNodes() {
        return "<tptz:GetNodes" + TPTZ + "/>";
    }

    public static String getConfigurations() {
        return "<tptz:GetConfigurations" + TPTZ + "/>";
    }

    /**
     * ContinuousMove in the generic velocity spaces (-1..1), which every PTZ node supports; no
     * {@code space} attribute means those.
     *
     * @param profileToken a profile with a PTZ configuration
     * @param pan pan speed, -1..1
     * @param tilt tilt speed, -1..1
     * @param zoom zoom speed, -1..1
     * @param panTilt whether to send the PanTilt velocity
     * @param withZoom whether to send the Zoom velocity
     */
    public static String continuousMove(String profileToken, double pan, double tilt, double zoom, boolean panTilt,
                                        boolean withZoom) {
        StringBuilder b = new StringBuilder("<tptz:ContinuousMove").append(TPTZ).append("><tptz:ProfileToken>")
                .append(SafeXml.escape(profileToken)).append("</tptz:ProfileToken><tptz:Velocity>");
        if (panTilt) {
            b.append("<tt:PanTilt x=\"").append(number(pan)).append("\" y=\"").append(number(tilt)).append("\"/>");
        }
        if (withZoom) {
            b.append("<tt:Zoom x=\"").append(number(zoom)).append("\"/>");
        }
        return b.append("</tptz:Velocity></tptz:ContinuousMove>").toString();
    }

    public static String stop(String profileToken, boolean panTilt, boolean zoom) {
        return "<tptz:Stop" + TPTZ + "><tptz:ProfileToken>" + SafeXml.escape(profileToken) + "</tptz:ProfileToken>"
                + "<tptz:PanTilt>" + panTilt + "</tptz:PanTilt><tptz:Zoom>" + zoom + "</tptz:Zoom></tptz:Stop>";
    }

    public static String getPresets(String profileToken) {
        return "<tptz:GetPresets" + TPTZ + "><tptz:ProfileToken>" + SafeXml.escape(profileToken)
                + "</tptz:ProfileToken></tptz:GetPresets>";
    }

    public static String gotoPreset(String profileToken, String presetToken) {
        return "<tptz:GotoPreset" + TPTZ + "><tptz:ProfileToken>" + SafeXml.escape(profileToken)
                + "</tptz:ProfileToken><tptz:PresetToken>" + SafeXml.escape(presetToken)
                + "</tptz:PresetToken></tptz:GotoPreset>";
    }

    /**
     * @param v a speed
     * @return it clamped to -1..1, rounded to 4 decimals, plain (e.g. {@code 0.5}, {@code -1}, {@code 0})
     */
    static String number(double v) {
        double clamped = Math.max(-1, Math.min(1, v));
        BigDecimal d = BigDecimal.valueOf(clamped).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
