package org.ucv.itests.onvif;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import org.ucv.itests.onvif.OnvifDevice.Preset;
import org.ucv.itests.onvif.OnvifDevice.Profile;
import org.ucv.itests.onvif.OnvifDevice.PtzCall;
import org.w3c.dom.Element;

/**
 * The SOAP operations of the double: each returns the content of the response's Body. Shapes and
 * element order follow the ONVIF schemas (onvif.xsd, devicemgmt.wsdl, media.wsdl, media2.wsdl,
 * ptz.wsdl) so that strict clients parse them.
 */
final class OnvifServices {
    static final String PAN_TILT_VELOCITY = "http://www.onvif.org/ver10/tptz/PanTiltSpaces/VelocityGenericSpace";
    static final String ZOOM_VELOCITY = "http://www.onvif.org/ver10/tptz/ZoomSpaces/VelocityGenericSpace";
    static final String PAN_TILT_POSITION = "http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace";
    static final String ZOOM_POSITION = "http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace";
    static final String PAN_TILT_SPEED = "http://www.onvif.org/ver10/tptz/PanTiltSpaces/GenericSpeedSpace";
    static final String ZOOM_SPEED = "http://www.onvif.org/ver10/tptz/ZoomSpaces/ZoomGenericSpeedSpace";
    private static final String SOURCE = "video_src_0";
    private static final String SOURCE_CONFIG = "video_src_cfg_0";
    private static final String PTZ_NODE = "ptz_node_0";
    private static final String PTZ_CONFIG = "ptz_cfg_0";

    private final OnvifDevice device;

    OnvifServices(OnvifDevice device) {
        this.device = device;
    }

    /**
     * @param xxe the response carries the XXE DOCTYPE: reference {@code &xxe;} in shown texts
     */
    String answer(String service, String operation, Element request, boolean xxe) throws SoapFault {
        Text t = new Text(xxe);
        return switch (service + "/" + operation) {
            case "device/GetSystemDateAndTime" -> systemDateAndTime(t);
            case "device/GetDeviceInformation" -> deviceInformation(t);
            case "device/GetCapabilities" -> capabilities(Xml.childText(request, "Category"));
            case "device/GetServices" -> services("true".equals(Xml.childText(request, "IncludeCapability")));
            case "device/GetScopes" -> scopes(t);
            case "device/GetHostname" -> "<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false"
                    + "</tt:FromDHCP><tt:Name>" + t.shown(hostname()) + "</tt:Name></tds:HostnameInformation>"
                    + "</tds:GetHostnameResponse>";
            case "media/GetProfiles" -> "<trt:GetProfilesResponse>" + media1Profiles(device.profiles(), "trt:Profiles", t)
                    + "</trt:GetProfilesResponse>";
            case "media/GetProfile" -> "<trt:GetProfileResponse>"
                    + media1Profiles(List.of(profile(Xml.childText(request, "ProfileToken"))), "trt:Profile", t)
                    + "</trt:GetProfileResponse>";
            case "media/GetVideoSources" -> videoSources();
            case "media/GetStreamUri" -> "<trt:GetStreamUriResponse>"
                    + mediaUri(t.shownUri(profile(Xml.childText(request, "ProfileToken")).streamUri()))
                    + "</trt:GetStreamUriResponse>";
            case "media/GetSnapshotUri" -> "<trt:GetSnapshotUriResponse>"
                    + mediaUri(t.shownUri(device.snapshotUri(profile(Xml.childText(request, "ProfileToken")).token())))
                    + "</trt:GetSnapshotUriResponse>";
            case "media2/GetProfiles" -> media2Profiles(request, t);
            case "media2/GetVideoSourceConfigurations" -> "<tr2:GetVideoSourceConfigurationsResponse>"
                    + videoSourceConfiguration("tr2:Configurations") + "</tr2:GetVideoSourceConfigurationsResponse>";
            case "media2/GetStreamUri" -> "<tr2:GetStreamUriResponse><tr2:Uri>"
                    + t.shownUri(profile(Xml.childText(request, "ProfileToken")).streamUri())
                    + "</tr2:Uri></tr2:GetStreamUriResponse>";
            case "media2/GetSnapshotUri" -> "<tr2:GetSnapshotUriResponse><tr2:Uri>"
                    + t.shownUri(device.snapshotUri(profile(Xml.childText(request, "ProfileToken")).token()))
                    + "</tr2:Uri></tr2:GetSnapshotUriResponse>";
            case "ptz/GetNodes" -> "<tptz:GetNodesResponse>" + node("tptz:PTZNode") + "</tptz:GetNodesResponse>";
            case "ptz/GetNode" -> "<tptz:GetNodeResponse>" + node("tptz:PTZNode") + "</tptz:GetNodeResponse>";
            case "ptz/GetConfigurations" -> "<tptz:GetConfigurationsResponse>" + ptzConfiguration("tptz:PTZConfiguration")
                    + "</tptz:GetConfigurationsResponse>";
            case "ptz/ContinuousMove" -> continuousMove(request);
            case "ptz/Stop" -> stop(request);
            case "ptz/GetPresets" -> presets(request, t);
            case "ptz/GotoPreset" -> gotoPreset(request);
            case "ptz/GetStatus" -> status(request);
            default -> throw SoapFault.actionNotSupported(operation);
        };
    }

    // ---- device ----

    private String systemDateAndTime(Text t) {
        ZonedDateTime now = device.deviceNow().atZone(ZoneOffset.UTC);
        String dateTime = "<tt:Time><tt:Hour>" + now.getHour() + "</tt:Hour><tt:Minute>" + now.getMinute()
                + "</tt:Minute><tt:Second>" + now.getSecond() + "</tt:Second></tt:Time><tt:Date><tt:Year>"
                + now.getYear() + "</tt:Year><tt:Month>" + now.getMonthValue() + "</tt:Month><tt:Day>"
                + now.getDayOfMonth() + "</tt:Day></tt:Date>";
        return "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType>"
                + "<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>" + t.shown("UTC0")
                + "</tt:TZ></tt:TimeZone><tt:UTCDateTime>" + dateTime + "</tt:UTCDateTime><tt:LocalDateTime>"
                + dateTime + "</tt:LocalDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
    }

    private String deviceInformation(Text t) {
        OnvifDevice.Builder s = device.settings;
        return "<tds:GetDeviceInformationResponse><tds:Manufacturer>" + t.shown(s.manufacturer)
                + "</tds:Manufacturer><tds:Model>" + t.shown(s.hardware) + "</tds:Model><tds:FirmwareVersion>"
                + Xml.esc(s.firmware) + "</tds:FirmwareVersion><tds:SerialNumber>" + Xml.esc(s.serial)
                + "</tds:SerialNumber><tds:HardwareId>" + Xml.esc(s.hardware) + "</tds:HardwareId>"
                + "</tds:GetDeviceInformationResponse>";
    }

    private String capabilities(String category) {
        String c = category == null ? "All" : category;
        StringBuilder b = new StringBuilder("<tds:GetCapabilitiesResponse><tds:Capabilities>");
        if (c.equals("All") || c.equals("Device")) {
            b.append("<tt:Device><tt:XAddr>").append(device.base()).append(OnvifDevice.DEVICE_PATH)
                    .append("</tt:XAddr><tt:Network><tt:IPFilter>false</tt:IPFilter><tt:ZeroConfiguration>false"
                            + "</tt:ZeroConfiguration><tt:IPVersion6>false</tt:IPVersion6><tt:DynDNS>false</tt:DynDNS>"
                            + "</tt:Network><tt:System><tt:DiscoveryResolve>false</tt:DiscoveryResolve>"
                            + "<tt:DiscoveryBye>false</tt:DiscoveryBye><tt:RemoteDiscovery>false</tt:RemoteDiscovery>"
                            + "<tt:SystemBackup>false</tt:SystemBackup><tt:SystemLogging>false</tt:SystemLogging>"
                            + "<tt:FirmwareUpgrade>false</tt:FirmwareUpgrade><tt:SupportedVersions><tt:Major>2"
                            + "</tt:Major><tt:Minor>60</tt:Minor></tt:SupportedVersions></tt:System>"
                            + "<tt:IO><tt:InputConnectors>0</tt:InputConnectors><tt:RelayOutputs>0</tt:RelayOutputs>"
                            + "</tt:IO><tt:Security><tt:TLS1.1>false</tt:TLS1.1><tt:TLS1.2>false</tt:TLS1.2>"
                            + "<tt:OnboardKeyGeneration>false</tt:OnboardKeyGeneration><tt:AccessPolicyConfig>false"
                            + "</tt:AccessPolicyConfig><tt:X.509Token>false</tt:X.509Token><tt:SAMLToken>false"
                            + "</tt:SAMLToken><tt:KerberosToken>false</tt:KerberosToken><tt:RELToken>false"
                            + "</tt:RELToken></tt:Security></tt:Device>");
        }
        if (c.equals("All") || c.equals("Media")) {
            b.append("<tt:Media><tt:XAddr>").append(device.base()).append(OnvifDevice.MEDIA_PATH)
                    .append("</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast>"
                            + "<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP>"
                            + "</tt:StreamingCapabilities></tt:Media>");
        }
        if (c.equals("All") || c.equals("PTZ")) {
            b.append("<tt:PTZ><tt:XAddr>").append(device.base()).append(OnvifDevice.PTZ_PATH).append("</tt:XAddr></tt:PTZ>");
        }
        return b.append("</tds:Capabilities></tds:GetCapabilitiesResponse>").toString();
    }

    private String services(boolean withCapabilities) {
        String media = "<trt:Capabilities SnapshotUri=\"true\" Rotation=\"false\" VideoSourceMode=\"false\" OSD=\"false\">"
                + "<trt:ProfileCapabilities MaximumNumberOfProfiles=\"" + device.profiles().size() + "\"/>"
                + "<trt:StreamingCapabilities RTPMulticast=\"false\" RTP_TCP=\"true\" RTP_RTSP_TCP=\"true\"/>"
                + "</trt:Capabilities>";
        String media2 = "<tr2:Capabilities SnapshotUri=\"true\" Rotation=\"false\" VideoSourceMode=\"false\" OSD=\"false\">"
                + "<tr2:ProfileCapabilities MaximumNumberOfProfiles=\"" + device.profiles().size()
                + "\" ConfigurationsSupported=\"VideoSource VideoEncoder PTZ\"/>"
                + "<tr2:StreamingCapabilities RTSPStreaming=\"true\" RTPMulticast=\"false\" RTP_RTSP_TCP=\"true\"/>"
                + "</tr2:Capabilities>";
        String ptz = "<tptz:Capabilities EFlip=\"false\" Reverse=\"false\" GetCompatibleConfigurations=\"false\"/>";
        String deviceCaps = "<tds:Capabilities><tds:Network IPFilter=\"false\" ZeroConfiguration=\"false\""
                + " IPVersion6=\"false\" DynDNS=\"false\"/><tds:Security UsernameToken=\"true\" HttpDigest=\"true\"/>"
                + "<tds:System DiscoveryResolve=\"false\" DiscoveryBye=\"false\" RemoteDiscovery=\"false\"/>"
                + "</tds:Capabilities>";
        return "<tds:GetServicesResponse>"
                + service(Xml.TDS, OnvifDevice.DEVICE_PATH, withCapabilities ? deviceCaps : "", 2, 60)
                + service(Xml.TRT, OnvifDevice.MEDIA_PATH, withCapabilities ? "<tds:Capabilities>" + media
                        + "</tds:Capabilities>" : "", 2, 60)
                + service(Xml.TR2, OnvifDevice.MEDIA2_PATH, withCapabilities ? "<tds:Capabilities>" + media2
                        + "</tds:Capabilities>" : "", 2, 60)
                + service(Xml.TPTZ, OnvifDevice.PTZ_PATH, withCapabilities ? "<tds:Capabilities>" + ptz
                        + "</tds:Capabilities>" : "", 2, 60)
                + "</tds:GetServicesResponse>";
    }

    private String service(String namespace, String path, String capabilities, int major, int minor) {
        return "<tds:Service><tds:Namespace>" + namespace + "</tds:Namespace><tds:XAddr>" + device.base() + path
                + "</tds:XAddr>" + capabilities + "<tds:Version><tt:Major>" + major + "</tt:Major><tt:Minor>" + minor
                + "</tt:Minor></tds:Version></tds:Service>";
    }

    private String scopes(Text t) {
        StringBuilder b = new StringBuilder("<tds:GetScopesResponse>");
        for (String scope : DiscoveryResponder.scopesOf(device.settings.name, device.settings.hardware,
                device.settings.location)) {
            b.append("<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>").append(t.shownUri(scope))
                    .append("</tt:ScopeItem></tds:Scopes>");
        }
        return b.append("</tds:GetScopesResponse>").toString();
    }

    private String hostname() {
        return device.settings.name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    // ---- media ----

    private Profile profile(String token) throws SoapFault {
        if (token == null) {
            throw SoapFault.invalidArg("ProfileToken missing", "ter:NoProfile");
        }
        return device.profiles().stream().filter(p -> p.token().equals(token)).findFirst()
                .orElseThrow(() -> SoapFault.invalidArg("No such profile: " + token, "ter:NoProfile"));
    }

    private Profile largest() {
        return device.profiles().stream().max((a, b) -> Integer.compare(a.width() * a.height(), b.width() * b.height()))
                .orElseThrow();
    }

    private String media1Profiles(List<Profile> profiles, String element, Text t) {
        StringBuilder b = new StringBuilder();
        for (Profile p : profiles) {
            b.append('<').append(element).append(" token=\"").append(Xml.esc(p.token())).append("\" fixed=\"true\">")
                    .append("<tt:Name>").append(t.shown(p.name())).append("</tt:Name>")
                    .append(videoSourceConfiguration("tt:VideoSourceConfiguration"))
                    .append("<tt:VideoEncoderConfiguration token=\"enc_").append(Xml.esc(p.token())).append("\">")
                    .append("<tt:Name>enc_").append(Xml.esc(p.token())).append("</tt:Name><tt:UseCount>1</tt:UseCount>")
                    .append("<tt:Encoding>H264</tt:Encoding>").append(resolution(p))
                    .append("<tt:Quality>5</tt:Quality><tt:RateControl><tt:FrameRateLimit>").append(p.fps())
                    .append("</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>")
                    .append(bitrate(p)).append("</tt:BitrateLimit></tt:RateControl><tt:H264><tt:GovLength>")
                    .append(p.fps() * 2).append("</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>")
                    .append(multicast()).append("<tt:SessionTimeout>PT60S</tt:SessionTimeout>")
                    .append("</tt:VideoEncoderConfiguration>")
                    .append(ptzConfiguration("tt:PTZConfiguration"))
                    .append("</").append(element).append('>');
        }
        return b.toString();
    }

    private String media2Profiles(Element request, Text t) throws SoapFault {
        String token = Xml.childText(request, "Token");
        List<String> types = Xml.children(request).stream().filter(e -> "Type".equals(e.getLocalName()))
                .map(e -> e.getTextContent().trim()).toList();
        boolean all = types.contains("All");
        List<Profile> profiles = token == null ? device.profiles() : List.of(profile(token));
        StringBuilder b = new StringBuilder("<tr2:GetProfilesResponse>");
        for (Profile p : profiles) {
            b.append("<tr2:Profiles token=\"").append(Xml.esc(p.token())).append("\" fixed=\"true\"><tr2:Name>")
                    .append(t.shown(p.name())).append("</tr2:Name><tr2:Configurations>");
            if (all || types.contains("VideoSource")) {
                b.append(videoSourceConfiguration("tr2:VideoSource"));
            }
            if (all || types.contains("VideoEncoder")) {
                b.append("<tr2:VideoEncoder token=\"enc_").append(Xml.esc(p.token())).append("\" GovLength=\"")
                        .append(p.fps() * 2).append("\" Profile=\"Main\"><tt:Name>enc_").append(Xml.esc(p.token()))
                        .append("</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>H264</tt:Encoding>")
                        .append(resolution(p)).append("<tt:RateControl ConstantBitRate=\"false\"><tt:FrameRateLimit>")
                        .append(p.fps()).append("</tt:FrameRateLimit><tt:BitrateLimit>").append(bitrate(p))
                        .append("</tt:BitrateLimit></tt:RateControl>").append(multicast())
                        .append("<tt:Quality>5</tt:Quality></tr2:VideoEncoder>");
            }
            if (all || types.contains("PTZ")) {
                b.append(ptzConfiguration("tr2:PTZ"));
            }
            b.append("</tr2:Configurations></tr2:Profiles>");
        }
        return b.append("</tr2:GetProfilesResponse>").toString();
    }

    private String videoSourceConfiguration(String element) {
        Profile big = largest();
        return "<" + element + " token=\"" + SOURCE_CONFIG + "\"><tt:Name>" + SOURCE_CONFIG + "</tt:Name><tt:UseCount>"
                + device.profiles().size() + "</tt:UseCount><tt:SourceToken>" + SOURCE + "</tt:SourceToken>"
                + "<tt:Bounds x=\"0\" y=\"0\" width=\"" + big.width() + "\" height=\"" + big.height() + "\"/></"
                + element + ">";
    }

    private String videoSources() {
        Profile big = largest();
        return "<trt:GetVideoSourcesResponse><trt:VideoSources token=\"" + SOURCE + "\"><tt:Framerate>" + big.fps()
                + "</tt:Framerate>" + resolution(big) + "</trt:VideoSources></trt:GetVideoSourcesResponse>";
    }

    private static String resolution(Profile p) {
        return "<tt:Resolution><tt:Width>" + p.width() + "</tt:Width><tt:Height>" + p.height()
                + "</tt:Height></tt:Resolution>";
    }

    private static int bitrate(Profile p) {
        return Math.max(64, p.width() * p.height() * p.fps() / 10_000);
    }

    private static String multicast() {
        return "<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address>"
                + "</tt:Address><tt:Port>0</tt:Port><tt:TTL>1</tt:TTL><tt:AutoStart>false</tt:AutoStart></tt:Multicast>";
    }

    private static String mediaUri(String uri) {
        return "<trt:MediaUri><tt:Uri>" + uri + "</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>"
                + "<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri>";
    }

    // ---- PTZ ----

    private static String range(double min, double max) {
        return "<tt:Min>" + min + "</tt:Min><tt:Max>" + max + "</tt:Max>";
    }

    private String node(String element) {
        String xy = "<tt:XRange>" + range(-1, 1) + "</tt:XRange><tt:YRange>" + range(-1, 1) + "</tt:YRange>";
        String x = "<tt:XRange>" + range(-1, 1) + "</tt:XRange>";
        String x01 = "<tt:XRange>" + range(0, 1) + "</tt:XRange>";
        return "<" + element + " token=\"" + PTZ_NODE + "\" FixedHomePosition=\"false\" GeoMove=\"false\"><tt:Name>PTZ"
                + "</tt:Name><tt:SupportedPTZSpaces>"
                + "<tt:AbsolutePanTiltPositionSpace><tt:URI>" + PAN_TILT_POSITION + "</tt:URI>" + xy
                + "</tt:AbsolutePanTiltPositionSpace>"
                + "<tt:AbsoluteZoomPositionSpace><tt:URI>" + ZOOM_POSITION + "</tt:URI>" + x01
                + "</tt:AbsoluteZoomPositionSpace>"
                + "<tt:ContinuousPanTiltVelocitySpace><tt:URI>" + PAN_TILT_VELOCITY + "</tt:URI>" + xy
                + "</tt:ContinuousPanTiltVelocitySpace>"
                + "<tt:ContinuousZoomVelocitySpace><tt:URI>" + ZOOM_VELOCITY + "</tt:URI>" + x
                + "</tt:ContinuousZoomVelocitySpace>"
                + "<tt:PanTiltSpeedSpace><tt:URI>" + PAN_TILT_SPEED + "</tt:URI>" + x01 + "</tt:PanTiltSpeedSpace>"
                + "<tt:ZoomSpeedSpace><tt:URI>" + ZOOM_SPEED + "</tt:URI>" + x01 + "</tt:ZoomSpeedSpace>"
                + "</tt:SupportedPTZSpaces><tt:MaximumNumberOfPresets>16</tt:MaximumNumberOfPresets>"
                + "<tt:HomeSupported>true</tt:HomeSupported></" + element + ">";
    }

    private static String ptzConfiguration(String element) {
        return "<" + element + " token=\"" + PTZ_CONFIG + "\"><tt:Name>PTZ</tt:Name><tt:UseCount>2</tt:UseCount>"
                + "<tt:NodeToken>" + PTZ_NODE + "</tt:NodeToken>"
                + "<tt:DefaultAbsolutePantTiltPositionSpace>" + PAN_TILT_POSITION + "</tt:DefaultAbsolutePantTiltPositionSpace>"
                + "<tt:DefaultAbsoluteZoomPositionSpace>" + ZOOM_POSITION + "</tt:DefaultAbsoluteZoomPositionSpace>"
                + "<tt:DefaultContinuousPanTiltVelocitySpace>" + PAN_TILT_VELOCITY
                + "</tt:DefaultContinuousPanTiltVelocitySpace><tt:DefaultContinuousZoomVelocitySpace>" + ZOOM_VELOCITY
                + "</tt:DefaultContinuousZoomVelocitySpace><tt:DefaultPTZSpeed><tt:PanTilt x=\"0.5\" y=\"0.5\" space=\""
                + PAN_TILT_SPEED + "\"/><tt:Zoom x=\"0.5\" space=\"" + ZOOM_SPEED + "\"/></tt:DefaultPTZSpeed>"
                + "<tt:DefaultPTZTimeout>PT10S</tt:DefaultPTZTimeout>"
                + "<tt:PanTiltLimits><tt:Range><tt:URI>" + PAN_TILT_POSITION + "</tt:URI><tt:XRange>" + range(-1, 1)
                + "</tt:XRange><tt:YRange>" + range(-1, 1) + "</tt:YRange></tt:Range></tt:PanTiltLimits>"
                + "<tt:ZoomLimits><tt:Range><tt:URI>" + ZOOM_POSITION + "</tt:URI><tt:XRange>" + range(0, 1)
                + "</tt:XRange></tt:Range></tt:ZoomLimits></" + element + ">";
    }

    private String continuousMove(Element request) throws SoapFault {
        Profile p = profile(Xml.childText(request, "ProfileToken"));
        Element velocity = Xml.child(request, Xml.TPTZ, "Velocity");
        if (velocity == null) {
            throw SoapFault.invalidArg("Velocity missing", "ter:InvalidVelocity");
        }
        Element panTilt = Xml.child(velocity, Xml.TT, "PanTilt");
        Element zoom = Xml.child(velocity, Xml.TT, "Zoom");
        Double pan = number(panTilt, "x");
        Double tilt = number(panTilt, "y");
        Double z = number(zoom, "x");
        for (Double v : new Double[] {pan, tilt, z}) {
            if (v != null && (v < -1 || v > 1)) {
                throw SoapFault.invalidArg("Velocity out of -1..1: " + v, "ter:InvalidVelocity");
            }
        }
        device.ptzCalls.add(new PtzCall("ContinuousMove", p.token(), pan, tilt, z, null, null, null));
        return "<tptz:ContinuousMoveResponse/>";
    }

    private static Double number(Element e, String attribute) throws SoapFault {
        if (e == null || !e.hasAttribute(attribute)) {
            return null;
        }
        try {
            return Double.valueOf(e.getAttribute(attribute));
        } catch (NumberFormatException ex) {
            throw SoapFault.invalidArg("Not a number: " + e.getAttribute(attribute), "ter:InvalidVelocity");
        }
    }

    private String stop(Element request) throws SoapFault {
        Profile p = profile(Xml.childText(request, "ProfileToken"));
        String panTilt = Xml.childText(request, "PanTilt");
        String zoom = Xml.childText(request, "Zoom");
        device.ptzCalls.add(new PtzCall("Stop", p.token(), null, null, null, null,
                panTilt == null ? null : Boolean.valueOf(panTilt), zoom == null ? null : Boolean.valueOf(zoom)));
        return "<tptz:StopResponse/>";
    }

    private String presets(Element request, Text t) throws SoapFault {
        profile(Xml.childText(request, "ProfileToken"));
        StringBuilder b = new StringBuilder("<tptz:GetPresetsResponse>");
        int i = 0;
        for (Preset p : device.presets()) {
            double x = -0.5 + 0.25 * i++;
            b.append("<tptz:Preset token=\"").append(Xml.esc(p.token())).append("\"><tt:Name>").append(t.shown(p.name()))
                    .append("</tt:Name><tt:PTZPosition><tt:PanTilt x=\"").append(x).append("\" y=\"0\" space=\"")
                    .append(PAN_TILT_POSITION).append("\"/><tt:Zoom x=\"0\" space=\"").append(ZOOM_POSITION)
                    .append("\"/></tt:PTZPosition></tptz:Preset>");
        }
        return b.append("</tptz:GetPresetsResponse>").toString();
    }

    private String gotoPreset(Element request) throws SoapFault {
        Profile p = profile(Xml.childText(request, "ProfileToken"));
        String token = Xml.childText(request, "PresetToken");
        if (token == null || device.presets().stream().noneMatch(x -> x.token().equals(token))) {
            throw SoapFault.invalidArg("No such preset: " + token, "ter:NoToken");
        }
        device.ptzCalls.add(new PtzCall("GotoPreset", p.token(), null, null, null, token, null, null));
        return "<tptz:GotoPresetResponse/>";
    }

    private String status(Element request) throws SoapFault {
        profile(Xml.childText(request, "ProfileToken"));
        return "<tptz:GetStatusResponse><tptz:PTZStatus><tt:Position><tt:PanTilt x=\"0\" y=\"0\" space=\""
                + PAN_TILT_POSITION + "\"/><tt:Zoom x=\"0\" space=\"" + ZOOM_POSITION + "\"/></tt:Position>"
                + "<tt:MoveStatus><tt:PanTilt>IDLE</tt:PanTilt><tt:Zoom>IDLE</tt:Zoom></tt:MoveStatus><tt:UtcTime>"
                + device.deviceNow() + "</tt:UtcTime>"
                + "</tptz:PTZStatus></tptz:GetStatusResponse>";
    }

    /** Text a client shows; with the XXE switch on, the external entity instead. */
    private record Text(boolean xxe) {
        String shown(String value) {
            return xxe ? "&xxe;" : Xml.esc(value);
        }

        /** A URI keeps its shape (some clients parse it) and carries the entity in its path. */
        String shownUri(String value) {
            return xxe ? Xml.esc(value) + "/&xxe;" : Xml.esc(value);
        }
    }
}
