package org.ucv.protocol.onvif.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ucv.net.Challenge;
import org.w3c.dom.Element;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An ONVIF device on loopback for unit tests, answering with the captured-shape samples: checks
 * WS-Security digests against its own clock (which may be skewed), or HTTP Digest when told to,
 * serves a Basic-protected snapshot, and records what it was asked.
 */
final class FakeDevice implements AutoCloseable {
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0,
        (byte) 0xFF, (byte) 0xD9};

    /** One request as the device understood it. */
    record Call(String path, String operation, Element request, boolean wsSecurity) {
    }

    private final HttpServer server;
    final String base;
    volatile String user = "admin";
    volatile String password = "s3cret:@x";
    volatile Duration clockSkew = Duration.ZERO;
    volatile boolean media2 = true;
    volatile boolean services = true;
    volatile boolean httpDigest;
    volatile String rtsp = "rtsp://127.0.0.1:8554/main";
    volatile String xxeEntity;
    volatile boolean snapshotUri = true;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<String> nonces = new CopyOnWriteArrayList<>();
    private final String digestNonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";

    FakeDevice() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String deviceUrl() {
        return base + "/onvif/device_service";
    }

    List<String> operations() {
        return calls.stream().map(Call::operation).toList();
    }

    Call last(String operation) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (calls.get(i).operation().equals(operation)) {
                return calls.get(i);
            }
        }
        throw new AssertionError("no " + operation + " in " + operations());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] in = ex.getRequestBody().readAllBytes();
            if (ex.getRequestMethod().equals("GET") && ex.getRequestURI().getPath().equals("/onvif-http/snapshot")) {
                String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"cam\"");
                    send(ex, 401, "text/plain", "no".getBytes());
                    return;
                }
                send(ex, 200, "image/jpeg", JPEG);
                return;
            }
            Element body = SafeXml.child(SafeXml.parse(in, 1 << 20).getDocumentElement(), "Body").orElseThrow();
            Element request = SafeXml.children(body).get(0);
            String op = request.getLocalName();
            Element token = SafeXml.child(SafeXml.parse(in, 1 << 20).getDocumentElement(), "Header", "Security",
                    "UsernameToken").orElse(null);
            calls.add(new Call(ex.getRequestURI().getPath(), op, request, token != null));
            if (httpDigest && !digestOk(ex)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"onvif\", qop=\"auth\", nonce=\""
                        + digestNonce + "\", algorithm=MD5");
                send(ex, 401, "text/html", "<html>401</html>".getBytes());
                return;
            }
            if (!httpDigest && !op.equals("GetSystemDateAndTime") && !tokenOk(token)) {
                fault(ex, 400, "Fault-NotAuthorized.xml");
                return;
            }
            answer(ex, op, request);
        } catch (SafeXml.XmlException e) {
            send(ex, 400, "text/plain", e.getMessage().getBytes());
        }
    }

    private boolean tokenOk(Element token) {
        if (token == null || !user.equals(SafeXml.text(token, "Username").orElse(""))) {
            return false;
        }
        String created = SafeXml.text(token, "Created").orElse("");
        String nonce = SafeXml.text(token, "Nonce").orElse("");
        nonces.add(nonce);
        Instant now = Instant.now().plus(clockSkew);
        Instant c;
        try {
            c = Instant.parse(created);
        } catch (RuntimeException e) {
            return false;
        }
        // what real devices do: a token more than a few seconds off their clock is refused
        if (Duration.between(c, now).abs().compareTo(Duration.ofSeconds(5)) > 0) {
            return false;
        }
        String expected = Soap.passwordDigest(Base64.getDecoder().decode(nonce), created, password);
        return expected.equals(SafeXml.text(token, "Password").orElse(""));
    }

    private boolean digestOk(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Digest ")) {
            return false;
        }
        Challenge c = Challenge.parse(h).get(0);
        String ha1 = md5(user + ":onvif:" + password);
        String ha2 = md5(ex.getRequestMethod() + ":" + c.param("uri").orElse(""));
        String expected = md5(ha1 + ":" + digestNonce + ":" + c.param("nc").orElse("") + ":" + c.param("cnonce").orElse("")
                + ":auth:" + ha2);
        return user.equals(c.param("username").orElse("")) && expected.equals(c.param("response").orElse(""));
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void answer(HttpExchange ex, String op, Element request) throws IOException {
        Map<String, String> vars = new HashMap<>();
        vars.put("base", base);
        vars.put("rtsp", rtsp);
        vars.put("op", op);
        String path = ex.getRequestURI().getPath();
        String file;
        switch (op) {
            case "GetSystemDateAndTime" -> {
                ZonedDateTime t = Instant.now().plus(clockSkew).atZone(ZoneOffset.UTC);
                vars.putAll(Map.of("year", "" + t.getYear(), "month", "" + t.getMonthValue(), "day",
                        "" + t.getDayOfMonth(), "hour", "" + t.getHour(), "minute", "" + t.getMinute(), "second",
                        "" + t.getSecond()));
                file = "GetSystemDateAndTime.xml";
            }
            case "GetDeviceInformation" -> {
                if (xxeEntity != null) {
                    vars.put("entity", xxeEntity);
                    file = "Xxe.xml";
                } else {
                    file = "GetDeviceInformation.xml";
                }
            }
            case "GetServices" -> {
                if (!services) {
                    fault(ex, 500, "Fault-soap11.xml");
                    return;
                }
                file = "GetServices.xml";
            }
            case "GetCapabilities" -> file = "GetCapabilities.xml";
            case "GetProfiles" -> file = path.endsWith("Media2") ? "GetProfiles-media2.xml" : "GetProfiles-media.xml";
            case "GetStreamUri" -> {
                String token = SafeXml.text(request, "ProfileToken").orElse("");
                if (!token.startsWith("Profile")) {
                    fault(ex, 400, "Fault-NoProfile.xml");
                    return;
                }
                file = path.endsWith("Media2") ? "GetStreamUri-media2.xml" : "GetStreamUri-media.xml";
            }
            case "GetSnapshotUri" -> {
                if (!snapshotUri) {
                    fault(ex, 500, "Fault-soap11.xml");
                    return;
                }
                file = path.endsWith("Media2") ? "GetSnapshotUri-media2.xml" : "GetSnapshotUri-media.xml";
            }
            case "GetNodes" -> file = "GetNodes.xml";
            case "GetConfigurations" -> file = "GetConfigurations.xml";
            case "GetPresets" -> file = "GetPresets.xml";
            case "GotoPreset" -> {
                if (!List.of("1", "2", "3").contains(SafeXml.text(request, "PresetToken").orElse(""))) {
                    fault(ex, 400, "Fault-NoProfile.xml");
                    return;
                }
                file = "Ok.xml";
            }
            case "ContinuousMove", "Stop" -> file = "Ok.xml";
            default -> {
                fault(ex, 500, "Fault-soap11.xml");
                return;
            }
        }
        if (services && !media2 && op.equals("GetServices")) {
            String s = Samples.text(file, vars).replaceAll("<tds:Service><tds:Namespace>http://www.onvif.org/ver20/media"
                    + "/wsdl</tds:Namespace>.*?</tds:Service>", "");
            send(ex, 200, Soap.CONTENT_TYPE, s.getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(ex, 200, Soap.CONTENT_TYPE, Samples.text(file, vars).getBytes(StandardCharsets.UTF_8));
    }

    private void fault(HttpExchange ex, int status, String file) throws IOException {
        send(ex, status, Soap.CONTENT_TYPE, Samples.text(file).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** @return the Velocity of the last ContinuousMove as [pan, tilt, zoom] texts (null where absent) */
    List<String> lastVelocity() {
        Element v = SafeXml.child(last("ContinuousMove").request(), "Velocity").orElseThrow();
        List<String> out = new ArrayList<>();
        Element pt = SafeXml.child(v, "PanTilt").orElse(null);
        Element z = SafeXml.child(v, "Zoom").orElse(null);
        out.add(pt == null ? null : pt.getAttribute("x"));
        out.add(pt == null ? null : pt.getAttribute("y"));
        out.add(z == null ? null : z.getAttribute("x"));
        return out;
    }
}
