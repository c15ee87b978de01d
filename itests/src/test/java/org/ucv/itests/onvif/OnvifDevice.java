package org.ucv.itests.onvif;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An ONVIF device double: the device, media (ver10), media2 (ver20) and PTZ services over SOAP 1.2
 * on a loopback HTTP server, with WS-Security UsernameToken PasswordDigest (or HTTP Digest) checked
 * against its one account and its own clock, a JPEG snapshot URL, and switches that a test flips
 * while it runs: a clock offset, a SOAP Fault for named operations, an XXE payload in named
 * responses, the authentication mode. Everything it was asked is recorded ({@link #calls()},
 * {@link #ptzCalls()}) so a test can assert what a client did.
 */
public final class OnvifDevice implements AutoCloseable {
    /** How the SOAP services authenticate. GetSystemDateAndTime is always open, as ONVIF requires. */
    public enum Auth {
        /** WS-Security UsernameToken with PasswordDigest (the ONVIF default) */
        WS_SECURITY,
        /** HTTP Digest only: a UsernameToken is ignored, a request without Digest gets 401 */
        HTTP_DIGEST
    }

    /** A media profile; both media services list the same ones. */
    public record Profile(String token, String name, int width, int height, int fps, String streamUri) {
    }

    /** A PTZ preset. */
    public record Preset(String token, String name) {
    }

    /**
     * One SOAP request. {@code verdict}: {@code OPEN} (no authentication needed), {@code OK}, or why
     * it was refused ({@code WRONG_PASSWORD}, {@code STALE_CREATED}, {@code MISSING}, ...);
     * {@code fault}: the subcode of the fault answered, or null.
     */
    public record Call(String service, String operation, String verdict, int status, String fault) {
    }

    /** One PTZ operation that reached the double with valid credentials; null = the element was absent. */
    public record PtzCall(String operation, String profile, Double pan, Double tilt, Double zoom, String preset,
                          Boolean stopPanTilt, Boolean stopZoom) {
    }

    static final String DEVICE_PATH = "/onvif/device_service";
    static final String MEDIA_PATH = "/onvif/media_service";
    static final String MEDIA2_PATH = "/onvif/media2_service";
    static final String PTZ_PATH = "/onvif/ptz_service";
    static final String SNAPSHOT_PATH = "/onvif/snapshot/";
    static final String XXE_PATH = "/xxe/";
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);

    final Builder settings;
    private final MiniHttp server;
    private final OnvifServices services;
    private final WsSecurity wsSecurity = new WsSecurity();
    private final HttpDigest httpDigest = new HttpDigest();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<PtzCall> ptzCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger snapshots = new AtomicInteger();
    private final List<String> xxeFetches = new CopyOnWriteArrayList<>();
    private final Map<String, String> faults = new ConcurrentHashMap<>();
    private final String endpoint = "urn:uuid:" + UUID.randomUUID();
    private volatile Duration clockOffset = Duration.ZERO;
    private volatile Set<String> xxeOperations = Set.of();
    private volatile Auth auth;
    private volatile boolean snapshotDigest;
    private volatile boolean rejectReplayedNonce;
    private volatile String password;
    private Path xxeDir;
    private String xxeMarker;

    private OnvifDevice(Builder b) throws IOException {
        settings = b;
        auth = b.auth;
        password = b.password;
        snapshotDigest = b.snapshotDigest;
        services = new OnvifServices(this);
        server = new MiniHttp(new InetSocketAddress(InetAddress.getByName(b.host), b.port),
                "onvif-double-" + b.name.replace(' ', '-'), this::handle);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- what a test reads ----

    public int port() {
        return server.port();
    }

    public String host() {
        return settings.host;
    }

    /** {@code http://host:port} */
    public String base() {
        return "http://" + settings.host + ":" + port();
    }

    public String deviceServiceUrl() {
        return base() + DEVICE_PATH;
    }

    public String endpoint() {
        return endpoint;
    }

    public String name() {
        return settings.name;
    }

    public List<Profile> profiles() {
        return List.copyOf(settings.profiles);
    }

    public List<Preset> presets() {
        return List.copyOf(settings.presets);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** @return the operations asked since {@code mark} (see {@link #mark()}), in order */
    public List<Call> calls(int mark) {
        List<Call> all = calls();
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    public int mark() {
        return calls.size();
    }

    public List<PtzCall> ptzCalls() {
        return List.copyOf(ptzCalls);
    }

    public int snapshotsServed() {
        return snapshots.get();
    }

    /** @return the paths asked under {@code /xxe/}: each is an XML parser that followed the DOCTYPE */
    public List<String> xxeFetches() {
        return List.copyOf(xxeFetches);
    }

    /** @return the text of the file the XXE entity points at (created by {@link #xxe}), or null */
    public synchronized String xxeMarker() {
        return xxeMarker;
    }

    // ---- switches ----

    /** The device's clock runs {@code offset} ahead (negative: behind) of the real one. */
    public OnvifDevice clockOffset(Duration offset) {
        clockOffset = offset;
        return this;
    }

    /** {@code operation} (e.g. {@code GetProfiles}) answers a Receiver Fault with this reason. */
    public OnvifDevice fault(String operation, String reason) {
        faults.put(operation, reason);
        return this;
    }

    public OnvifDevice clearFaults() {
        faults.clear();
        return this;
    }

    /**
     * The responses of these operations ({@code "*"}: all, GetSystemDateAndTime included) carry a
     * DOCTYPE with an external DTD on this double and an external entity to a file holding
     * {@link #xxeMarker()}; the entity is referenced where the client would show the text
     * (profile names, stream URI, device information, fault reason).
     */
    public synchronized OnvifDevice xxe(String... operations) {
        if (xxeDir == null) {
            try {
                xxeDir = Files.createTempDirectory("ucv-onvif-xxe-");
                xxeMarker = "UCV-XXE-MARKER-" + UUID.randomUUID();
                Files.writeString(xxeDir.resolve("secret.txt"), xxeMarker + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        xxeOperations = Set.of(operations);
        return this;
    }

    public OnvifDevice auth(Auth mode) {
        auth = mode;
        return this;
    }

    /** The snapshot URL asks for HTTP Digest with the device's account (as most cameras do). */
    public OnvifDevice snapshotDigest(boolean on) {
        snapshotDigest = on;
        return this;
    }

    /** A UsernameToken whose nonce was seen before is refused (REPLAYED_NONCE); off by default. */
    public OnvifDevice rejectReplayedNonce(boolean on) {
        rejectReplayedNonce = on;
        return this;
    }

    /** @return how many accepted UsernameTokens repeated an earlier nonce */
    public int nonceReuses() {
        return wsSecurity.nonceReuses();
    }

    public OnvifDevice password(String newPassword) {
        password = newPassword;
        return this;
    }

    Instant deviceNow() {
        return Instant.now().plus(clockOffset);
    }

    String snapshotUri(String token) {
        return base() + SNAPSHOT_PATH + token + ".jpg";
    }

    String xxeDoctype() {
        return "<!DOCTYPE s:Envelope SYSTEM \"" + base() + XXE_PATH + "external.dtd\" [\n"
                + "  <!ENTITY xxe SYSTEM \"" + xxeDir.resolve("secret.txt").toUri() + "\">\n]>\n";
    }

    // ---- lifecycle ----

    @Override
    public void close() {
        server.close();
        synchronized (this) {
            if (xxeDir != null) {
                try {
                    Files.deleteIfExists(xxeDir.resolve("secret.txt"));
                    Files.deleteIfExists(xxeDir);
                } catch (IOException e) {
                    // a temp folder left behind harms nothing
                }
            }
        }
    }

    // ---- HTTP ----

    private MiniHttp.Response handle(MiniHttp.Request request) {
        String path = request.path();
        String method = request.method();
        if (path.startsWith(XXE_PATH)) {
            xxeFetches.add(path);
            return new MiniHttp.Response(200, "application/xml-dtd", "<!-- nothing -->".getBytes(StandardCharsets.UTF_8));
        }
        if (path.startsWith(SNAPSHOT_PATH) && (method.equals("GET") || method.equals("HEAD"))) {
            return snapshot(request, path.substring(SNAPSHOT_PATH.length()));
        }
        String service = serviceOf(path);
        if (service == null) {
            return MiniHttp.Response.text(404, "not here");
        }
        if (!method.equals("POST")) {
            return MiniHttp.Response.text(405, "SOAP wants POST");
        }
        return soap(request, service);
    }

    private static String serviceOf(String path) {
        return switch (path) {
            case DEVICE_PATH -> "device";
            case MEDIA_PATH -> "media";
            case MEDIA2_PATH -> "media2";
            case PTZ_PATH -> "ptz";
            default -> null;
        };
    }

    private static String namespaceOf(String service) {
        return switch (service) {
            case "device" -> Xml.TDS;
            case "media" -> Xml.TRT;
            case "media2" -> Xml.TR2;
            default -> Xml.TPTZ;
        };
    }

    private MiniHttp.Response soap(MiniHttp.Request http, String service) {
        Element header;
        Element request;
        try {
            Document doc = Xml.parse(http.body());
            Element envelope = doc.getDocumentElement();
            if (!Xml.SOAP.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
                throw new IOException("not a SOAP 1.2 Envelope: {" + envelope.getNamespaceURI() + "}"
                        + envelope.getLocalName());
            }
            header = Xml.child(envelope, Xml.SOAP, "Header");
            request = Xml.children(Xml.child(envelope, Xml.SOAP, "Body")).stream().findFirst()
                    .orElseThrow(() -> new IOException("empty SOAP Body"));
        } catch (IOException e) {
            SoapFault fault = new SoapFault(true, "Malformed request: " + e.getMessage(), "ter:WellFormed");
            calls.add(new Call(service, "?", "MALFORMED", fault.httpStatus(), fault.subcode()));
            return envelope(fault.httpStatus(), fault.body(Xml.esc(fault.reason())), false);
        }
        String operation = request.getLocalName();
        boolean xxe = xxeOperations.contains("*") || xxeOperations.contains(operation);
        String verdict = "OPEN";
        if (!(service.equals("device") && operation.equals("GetSystemDateAndTime"))) {
            if (auth == Auth.HTTP_DIGEST) {
                String authorization = http.header("Authorization");
                if (!httpDigest.accepts(authorization, "POST", settings.user, password)) {
                    calls.add(new Call(service, operation, authorization == null ? "MISSING" : "WRONG_PASSWORD",
                            401, null));
                    return new MiniHttp.Response(401, "text/plain", "401 Unauthorized".getBytes(StandardCharsets.UTF_8),
                            Map.of("WWW-Authenticate", httpDigest.challenge()));
                }
                verdict = "OK";
            } else {
                WsSecurity.Verdict v = wsSecurity.check(header, settings.user, password, deviceNow(), MAX_SKEW,
                        rejectReplayedNonce);
                verdict = v.name();
                if (v != WsSecurity.Verdict.OK) {
                    SoapFault fault = SoapFault.notAuthorized();
                    calls.add(new Call(service, operation, verdict, fault.httpStatus(), fault.subcode()));
                    return envelope(fault.httpStatus(), fault.body(Xml.esc(fault.reason())), false);
                }
            }
        }
        try {
            if (!namespaceOf(service).equals(request.getNamespaceURI())) {
                throw SoapFault.actionNotSupported("{" + request.getNamespaceURI() + "}" + operation + " at "
                        + http.path());
            }
            String reason = faults.get(operation);
            if (reason != null) {
                throw new SoapFault(false, reason, "ter:Action");
            }
            String response = services.answer(service, operation, request, xxe);
            calls.add(new Call(service, operation, verdict, 200, null));
            return envelope(200, response, xxe);
        } catch (SoapFault fault) {
            calls.add(new Call(service, operation, verdict, fault.httpStatus(), fault.subcode()));
            return envelope(fault.httpStatus(),
                    fault.body(xxe ? Xml.esc(fault.reason()) + " &xxe;" : Xml.esc(fault.reason())), xxe);
        }
    }

    private MiniHttp.Response envelope(int status, String bodyXml, boolean xxe) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + (xxe ? xxeDoctype() : "")
                + "<s:Envelope" + Xml.ENVELOPE_NAMESPACES + "><s:Body>" + bodyXml + "</s:Body></s:Envelope>";
        return new MiniHttp.Response(status, "application/soap+xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
    }

    private MiniHttp.Response snapshot(MiniHttp.Request request, String file) {
        String token = file.endsWith(".jpg") ? file.substring(0, file.length() - 4) : file;
        Profile profile = settings.profiles.stream().filter(p -> p.token().equals(token)).findFirst().orElse(null);
        if (profile == null) {
            return MiniHttp.Response.text(404, "no such profile");
        }
        if (snapshotDigest && !httpDigest.accepts(request.header("Authorization"), request.method(), settings.user,
                password)) {
            return new MiniHttp.Response(401, "text/plain", "401 Unauthorized".getBytes(StandardCharsets.UTF_8),
                    Map.of("WWW-Authenticate", httpDigest.challenge()));
        }
        int n = snapshots.incrementAndGet();
        return new MiniHttp.Response(200, "image/jpeg", SnapshotImages.jpeg(profile.width(), profile.height(), n));
    }

    /** The double's settings; {@link #start()} binds the port and starts serving. */
    public static final class Builder {
        String host = "127.0.0.1";
        int port;
        String user = "admin";
        String password = "admin";
        String name = "UCV-Double";
        String hardware = "UCVD-100";
        String location = "test-lab";
        String manufacturer = "UCV Test Devices";
        String firmware = "1.0.0";
        String serial = "SN-" + UUID.randomUUID().toString().substring(0, 8);
        Auth auth = Auth.WS_SECURITY;
        boolean snapshotDigest;
        final List<Profile> profiles = new ArrayList<>();
        final List<Preset> presets = new ArrayList<>(List.of(new Preset("1", "Door"), new Preset("2", "Window")));

        private Builder() {
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        /** 0 (default): a free port. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder credentials(String username, String secret) {
            user = username;
            password = secret;
            return this;
        }

        /** The scopes' {@code name} and the device information's model. */
        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder hardware(String value) {
            hardware = value;
            return this;
        }

        public Builder location(String value) {
            location = value;
            return this;
        }

        public Builder manufacturer(String value) {
            manufacturer = value;
            return this;
        }

        public Builder auth(Auth value) {
            auth = value;
            return this;
        }

        public Builder snapshotDigest(boolean value) {
            snapshotDigest = value;
            return this;
        }

        /** Adds a media profile (the first is the device's main one). */
        public Builder profile(String token, String profileName, int width, int height, int fps, String streamUri) {
            profiles.add(new Profile(token, profileName, width, height, fps, streamUri));
            return this;
        }

        /** Replaces the default presets (1 Door, 2 Window). */
        public Builder presets(Preset... values) {
            presets.clear();
            presets.addAll(List.of(values));
            return this;
        }

        public OnvifDevice start() {
            if (profiles.isEmpty()) {
                throw new IllegalStateException("an ONVIF double needs at least one profile");
            }
            try {
                return new OnvifDevice(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the ONVIF double on " + host + ":" + port, e);
            }
        }
    }
}
