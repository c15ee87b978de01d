package org.ucv.protocol.onvif.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.ucv.api.spi.Codec;
import org.ucv.api.spi.PtzCapable.Preset;
import org.w3c.dom.Element;

/**
 * Reads the answers of the operations we use. Elements are found by local name (devices vary in
 * prefixes, never in names); missing optional parts become empty values rather than errors, since
 * devices leave out much of what the schema allows.
 */
public final class OnvifParsers {
    private OnvifParsers() {
    }

    /** What GetDeviceInformation says; any part may be empty. */
    public record DeviceInfo(String manufacturer, String model, String firmware, String serial, String hardwareId) {
        /** @return e.g. {@code Acme Cam-1 (firmware 1.2.3)} */
        public String describe() {
            String name = (manufacturer + " " + model).trim();
            return (name.isEmpty() ? "an ONVIF device" : name) + (firmware.isEmpty() ? "" : " (firmware " + firmware + ")");
        }
    }

    /**
     * The service addresses a device offers; {@code media}, {@code media2} and {@code ptz} may be null.
     *
     * @param device the device service
     * @param media Media (ver10)
     * @param media2 Media2 (ver20), which H.265 needs
     * @param ptz PTZ (ver20)
     */
    public record Endpoints(URI device, URI media, URI media2, URI ptz) {
    }

    /**
     * One media profile.
     *
     * @param token the profile's token
     * @param name its name (the token when it has none)
     * @param encoding the video encoder's encoding as the device writes it ({@code H264}, {@code H265},
     *        {@code JPEG}, ...), empty when the profile has no video encoder
     * @param width the encoded width, 0 when unknown
     * @param height the encoded height, 0 when unknown
     * @param fps the frame rate limit, 0 when unknown
     * @param ptzToken the profile's PTZ configuration token, or null
     * @param ptzNode the node of that configuration, or null
     */
    public record MediaProfile(String token, String name, String encoding, int width, int height, double fps,
                               String ptzToken, String ptzNode) {
        /** @return the codec the encoding names, if it is one we stream */
        public Optional<Codec> codec() {
            String e = encoding.toUpperCase(Locale.ROOT).replace(".", "").replace("-", "");
            return switch (e) {
                case "H264", "AVC" -> Optional.of(Codec.H264);
                case "H265", "HEVC" -> Optional.of(Codec.H265);
                case "JPEG", "MJPEG" -> Optional.of(Codec.MJPEG);
                default -> Optional.empty();
            };
        }

        /** @return whether the profile has a video encoder */
        public boolean hasVideo() {
            return !encoding.isEmpty();
        }

        /** @return e.g. {@code Profile_1 "mainStream" H265 1920x1080 25fps} */
        public String describe() {
            StringBuilder b = new StringBuilder(token);
            if (!name.equals(token)) {
                b.append(" \"").append(name).append('"');
            }
            if (!encoding.isEmpty()) {
                b.append(' ').append(encoding);
            }
            if (width > 0 && height > 0) {
                b.append(' ').append(width).append('x').append(height);
            }
            if (fps > 0) {
                b.append(' ').append(fps == Math.rint(fps) ? String.valueOf((long) fps) : String.valueOf(fps)).append("fps");
            }
            if (ptzToken != null) {
                b.append(" PTZ");
            }
            return b.toString();
        }
    }

    /**
     * A PTZ node's abilities that matter for a continuous move.
     *
     * @param token the node's token
     * @param name its name
     * @param panTilt whether it has a continuous pan/tilt velocity space
     * @param zoom whether it has a continuous zoom velocity space
     * @param maxPresets the most presets it stores, 0 when unknown
     */
    public record PtzNode(String token, String name, boolean panTilt, boolean zoom, int maxPresets) {
    }

    /**
     * The device's UTC time from GetSystemDateAndTime: its UTC date and time, else its local date
     * and time read as UTC (devices that give only local time; the offset is then only as good as
     * their time zone setting, which is what such devices check tokens against as well).
     *
     * @param response the GetSystemDateAndTimeResponse element
     * @return the device's time, if it gave a valid one
     */
    public static Optional<Instant> deviceTime(Element response) {
        Optional<Element> sdt = SafeXml.child(response, "SystemDateAndTime");
        if (sdt.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> utc = dateTime(SafeXml.child(sdt.get(), "UTCDateTime").orElse(null));
        return utc.isPresent() ? utc : dateTime(SafeXml.child(sdt.get(), "LocalDateTime").orElse(null));
    }

    private static Optional<Instant> dateTime(Element dt) {
        if (dt == null) {
            return Optional.empty();
        }
        try {
            int year = integer(dt, "Date", "Year");
            int month = integer(dt, "Date", "Month");
            int day = integer(dt, "Date", "Day");
            int hour = integer(dt, "Time", "Hour");
            int minute = integer(dt, "Time", "Minute");
            int second = Math.min(59, integer(dt, "Time", "Second")); // a leap second reads as :59
            return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int integer(Element parent, String... path) {
        return Integer.parseInt(SafeXml.text(parent, path).orElseThrow(() -> new NumberFormatException("missing")));
    }

    /**
     * The clock offset from one GetSystemDateAndTime exchange: the device's time minus the middle
     * of our request's round trip (the device read its clock somewhere in it; the middle halves the
     * worst error). The device gives whole seconds, so the result is good to about a second, well
     * within what devices accept (typically five seconds or more).
     *
     * @param deviceTime the device's answer
     * @param sent our clock when the request went out
     * @param received our clock when the answer came
     * @return device minus us
     */
    public static Duration clockOffset(Instant deviceTime, Instant sent, Instant received) {
        Instant middle = sent.plus(Duration.between(sent, received).dividedBy(2));
        return Duration.between(middle, deviceTime);
    }

    /** @param response the GetDeviceInformationResponse element */
    public static DeviceInfo deviceInfo(Element response) {
        return new DeviceInfo(SafeXml.text(response, "Manufacturer").orElse(""),
                SafeXml.text(response, "Model").orElse(""), SafeXml.text(response, "FirmwareVersion").orElse(""),
                SafeXml.text(response, "SerialNumber").orElse(""), SafeXml.text(response, "HardwareId").orElse(""));
    }

    /**
     * @param response the GetServicesResponse element
     * @param device the device service's address, kept as the device endpoint
     * @return the media, media2 and PTZ addresses (null where not offered)
     */
    public static Endpoints services(Element response, URI device) {
        URI media = null;
        URI media2 = null;
        URI ptz = null;
        for (Element service : SafeXml.children(response, "Service")) {
            String ns = SafeXml.text(service, "Namespace").orElse("");
            URI xaddr = SafeXml.text(service, "XAddr").flatMap(OnvifParsers::uri).orElse(null);
            if (xaddr == null) {
                continue;
            }
            switch (ns) {
                case Ns.MEDIA -> media = media == null ? xaddr : media;
                case Ns.MEDIA2 -> media2 = media2 == null ? xaddr : media2;
                case Ns.PTZ -> ptz = ptz == null ? xaddr : ptz;
                default -> {
                    // events, imaging, analytics, ...: not used
                }
            }
        }
        return new Endpoints(device, media, media2, ptz);
    }

    /**
     * GetCapabilities, for devices of ONVIF 1.x without GetServices. It knows no Media2.
     *
     * @param response the GetCapabilitiesResponse element
     * @param device the device service's address
     * @return the media and PTZ addresses (null where not offered)
     */
    public static Endpoints capabilities(Element response, URI device) {
        Element caps = SafeXml.child(response, "Capabilities").orElse(null);
        URI media = SafeXml.text(caps, "Media", "XAddr").flatMap(OnvifParsers::uri).orElse(null);
        URI ptz = SafeXml.text(caps, "PTZ", "XAddr").flatMap(OnvifParsers::uri).orElse(null);
        return new Endpoints(device, media, null, ptz);
    }

    /**
     * Media (ver10) profiles: {@code Profiles} with {@code VideoEncoderConfiguration} and
     * {@code PTZConfiguration}.
     *
     * @param response the GetProfilesResponse element
     * @return the profiles, in the device's order
     */
    public static List<MediaProfile> profiles(Element response) {
        List<MediaProfile> out = new ArrayList<>();
        for (Element p : SafeXml.children(response, "Profiles")) {
            Element encoder = SafeXml.child(p, "VideoEncoderConfiguration").orElse(null);
            Element ptz = SafeXml.child(p, "PTZConfiguration").orElse(null);
            out.add(profile(p, encoder, ptz));
        }
        return out;
    }

    /**
     * Media2 profiles: {@code Profiles} with {@code Configurations/VideoEncoder} and
     * {@code Configurations/PTZ}.
     *
     * @param response the GetProfilesResponse element
     * @return the profiles, in the device's order
     */
    public static List<MediaProfile> profiles2(Element response) {
        List<MediaProfile> out = new ArrayList<>();
        for (Element p : SafeXml.children(response, "Profiles")) {
            Element configurations = SafeXml.child(p, "Configurations").orElse(null);
            Element encoder = SafeXml.child(configurations, "VideoEncoder").orElse(null);
            Element ptz = SafeXml.child(configurations, "PTZ").orElse(null);
            out.add(profile(p, encoder, ptz));
        }
        return out;
    }

    private static MediaProfile profile(Element p, Element encoder, Element ptz) {
        String token = SafeXml.attribute(p, "token").orElse("");
        String name = SafeXml.text(p, "Name").orElse(token);
        String encoding = SafeXml.text(encoder, "Encoding").orElse("");
        int width = intOr(SafeXml.text(encoder, "Resolution", "Width"));
        int height = intOr(SafeXml.text(encoder, "Resolution", "Height"));
        double fps = SafeXml.text(encoder, "RateControl", "FrameRateLimit").map(OnvifParsers::doubleOr).orElse(0.0);
        String ptzToken = ptz == null ? null : SafeXml.attribute(ptz, "token").orElse(null);
        String ptzNode = ptz == null ? null : SafeXml.text(ptz, "NodeToken").orElse(null);
        return new MediaProfile(token, name, encoding, width, height, fps, ptzToken, ptzNode);
    }

    /**
     * GetStreamUri or GetSnapshotUri, Media ({@code MediaUri/Uri}) or Media2 ({@code Uri}).
     *
     * @param response the answer element
     * @return the URI text, if the answer holds one
     */
    public static Optional<String> mediaUri(Element response) {
        return SafeXml.text(response, "MediaUri", "Uri").or(() -> SafeXml.text(response, "Uri"));
    }

    /** @param response the GetNodesResponse element */
    public static List<PtzNode> nodes(Element response) {
        List<PtzNode> out = new ArrayList<>();
        for (Element n : SafeXml.children(response, "PTZNode")) {
            Element spaces = SafeXml.child(n, "SupportedPTZSpaces").orElse(null);
            out.add(new PtzNode(SafeXml.attribute(n, "token").orElse(""), SafeXml.text(n, "Name").orElse(""),
                    SafeXml.child(spaces, "ContinuousPanTiltVelocitySpace").isPresent(),
                    SafeXml.child(spaces, "ContinuousZoomVelocitySpace").isPresent(),
                    intOr(SafeXml.text(n, "MaximumNumberOfPresets"))));
        }
        return out;
    }

    /**
     * @param response the GetConfigurationsResponse element
     * @return the PTZ configuration tokens, in the device's order
     */
    public static List<String> ptzConfigurations(Element response) {
        List<String> out = new ArrayList<>();
        for (Element c : SafeXml.children(response, "PTZConfiguration")) {
            SafeXml.attribute(c, "token").ifPresent(out::add);
        }
        return out;
    }

    /** @param response the GetPresetsResponse element */
    public static List<Preset> presets(Element response) {
        List<Preset> out = new ArrayList<>();
        for (Element p : SafeXml.children(response, "Preset")) {
            Optional<String> token = SafeXml.attribute(p, "token");
            token.ifPresent(t -> out.add(new Preset(t, SafeXml.text(p, "Name").orElse(t))));
        }
        return out;
    }

    static Optional<URI> uri(String text) {
        try {
            URI u = new URI(text.trim());
            return u.getScheme() != null && u.getHost() != null ? Optional.of(u) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static int intOr(Optional<String> text) {
        try {
            return text.map(t -> (int) Math.round(Double.parseDouble(t))).orElse(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double doubleOr(String text) {
        try {
            double d = Double.parseDouble(text);
            return Double.isFinite(d) && d > 0 ? d : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
