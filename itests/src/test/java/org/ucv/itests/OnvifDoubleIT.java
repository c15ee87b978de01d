package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ucv.itests.onvif.DiscoveryResponder;
import org.ucv.itests.onvif.Namespace;
import org.ucv.itests.onvif.NpmOnvifClient;
import org.ucv.itests.onvif.OnvifDevice;
import org.ucv.itests.onvif.OnvifDevice.Call;
import org.ucv.itests.onvif.OnvifDevice.PtzCall;
import org.ucv.itests.onvif.SoapProbe;
import org.ucv.itests.support.Jpeg;

/**
 * The ONVIF device double ({@link OnvifDevice}) is faithful: real clients that someone else wrote,
 * Debian's {@code onvif-util} (libonvif) and the npm {@code onvif} package, find it, list its
 * profiles and stream URIs, move its PTZ, and are refused with a wrong password; and the double
 * itself refuses what a camera refuses. No UCV server is involved.
 */
class OnvifDoubleIT {
    private static final String USER = "onvif-admin";
    private static final String PASSWORD = "D0uble#Pass";
    private static final String MAIN_URI = "rtsp://127.0.0.1:8554/onvif-main";
    private static final String SUB_URI = "rtsp://127.0.0.1:8554/onvif-sub";
    private static final String GET_PROFILES = "<GetProfiles xmlns=\"http://www.onvif.org/ver10/media/wsdl\"/>";

    private OnvifDevice device;

    @BeforeAll
    static void namespacesWork() {
        String problem = Namespace.unavailableBecause();
        assertNull(problem, "the ONVIF tests need network namespaces (run as root): " + problem);
    }

    @AfterEach
    void stopDouble() {
        if (device != null) {
            device.close();
        }
    }

    private OnvifDevice start() {
        device = OnvifDevice.builder().credentials(USER, PASSWORD).name("UCV Double").hardware("UCVD-100")
                .location("Test Lab").profile("main", "main", 320, 240, 10, MAIN_URI)
                .profile("sub", "sub", 160, 120, 10, SUB_URI).start();
        return device;
    }

    @Test
    void onvifUtilFindsTheDoubleByProbeAndListsProfilesAndStreamUris() {
        Namespace.Result run = Namespace.run(List.of(), Duration.ofSeconds(60), "onvif-util", "user=" + USER,
                "password=" + PASSWORD, "main=" + MAIN_URI, "sub=" + SUB_URI,
                "commands=get profiles;get rtsp 0;get rtsp 1");
        assertTrue(run.all("MISSING").isEmpty(), "onvif-util is needed (Debian package onvif-tools): " + run);
        assertEquals(0, run.exit(), run.toString());
        List<String> out = run.all("OUT").stream().map(f -> f.get(0).trim()).toList();
        assertEquals(List.of("0"), run.all("EXIT").get(0), "onvif-util exit status; " + run);
        assertTrue(out.contains("found host: 127.0.0.1"), "onvif-util found the double by WS-Discovery: " + run);
        assertTrue(out.contains("Token 0: main") && out.contains("Token 1: sub"), "profiles listed: " + run);
        assertTrue(out.contains(MAIN_URI) && out.contains(SUB_URI), "stream URIs: " + run);
        assertTrue(run.all("CALL").stream().anyMatch(c -> c.get(1).equals("GetStreamUri") && c.get(2).equals("OK")),
                "GetStreamUri authenticated by digest: " + run);
        assertEquals(List.of("0"), run.all("CHILDREN_LEFT").get(0));
    }

    @Test
    void onvifUtilWithAWrongPasswordIsNotAuthorized() {
        Namespace.Result run = Namespace.run(List.of(), Duration.ofSeconds(60), "onvif-util", "user=" + USER,
                "password=" + PASSWORD, "tool_password=wrong-" + PASSWORD, "main=" + MAIN_URI, "sub=" + SUB_URI,
                "commands=get profiles");
        String out = String.join("\n", run.all("OUT").stream().map(f -> f.get(0)).toList());
        assertTrue(out.contains("ter:NotAuthorized"), "onvif-util reports the fault: " + run);
        assertFalse(out.contains("Token 0"), "no profiles with a wrong password: " + run);
        assertTrue(run.all("CALL").stream().anyMatch(c -> c.get(2).equals("WRONG_PASSWORD")), run.toString());
    }

    @Test
    void npmOnvifConnectsThroughMedia2ListsProfilesAndMovesPtzEvenWithTheClockTwoHoursOff() {
        start().clockOffset(Duration.ofHours(2));
        JsonNode json = NpmOnvifClient.run("127.0.0.1", device.port(), USER, PASSWORD);
        assertFalse(json.has("error"), json.toString());
        assertTrue(json.path("media2").asBoolean(), "GetServices announced media2: " + json);
        assertEquals(device.base() + "/onvif/ptz_service", json.path("uri").path("ptz").asText());
        JsonNode profiles = json.path("profiles");
        assertEquals(2, profiles.size(), json.toString());
        assertProfile(profiles.get(0), "main", 320, 240, MAIN_URI);
        assertProfile(profiles.get(1), "sub", 160, 120, SUB_URI);
        assertEquals("main", json.path("defaultProfile").asText());
        assertEquals("UCV Test Devices", json.path("device").path("manufacturer").asText());
        assertEquals(List.of("Door", "Window"), json.path("presets").findValuesAsText("name"));
        assertEquals(List.of(new PtzCall("ContinuousMove", "main", 0.5, -0.25, 0.0, null, null, null),
                new PtzCall("Stop", "main", null, null, null, null, true, true),
                new PtzCall("GotoPreset", "main", null, null, null, "2", null, null)), device.ptzCalls());
        // npm's client read the device's clock first (timeShift), so no request was stale
        assertTrue(device.calls().stream().noneMatch(c -> c.verdict().equals("STALE_CREATED")), device.calls().toString());
        assertEquals(0, device.nonceReuses());

        JsonNode refused = NpmOnvifClient.run("127.0.0.1", device.port(), USER, "wrong-" + PASSWORD);
        assertTrue(refused.path("error").asText().contains("Sender not Authorized"), refused.toString());
    }

    private static void assertProfile(JsonNode p, String token, int width, int height, String streamUri) {
        assertEquals(token, p.path("token").asText(), p.toString());
        assertEquals("H264", p.path("encoding").asText(), p.toString());
        assertEquals(width, p.path("width").asInt(), p.toString());
        assertEquals(height, p.path("height").asInt(), p.toString());
        assertEquals(10, p.path("fps").asInt(), p.toString());
        assertTrue(p.path("ptz").asBoolean(), p.toString());
        assertEquals(streamUri, p.path("streamUri").asText());
        assertTrue(p.path("snapshotUri").asText().endsWith("/onvif/snapshot/" + token + ".jpg"), p.toString());
    }

    @Test
    void theDoubleRefusesWrongPasswordStaleCreatedAndMissingTokenButTellsItsTime() throws Exception {
        start();
        String media = device.base() + "/onvif/media_service";
        assertEquals(200, SoapProbe.call(media, GET_PROFILES, USER, PASSWORD, Instant.now()).statusCode());

        HttpResponse<String> wrong = SoapProbe.call(media, GET_PROFILES, USER, "nope", Instant.now());
        assertNotAuthorized(wrong);
        assertNotAuthorized(SoapProbe.call(media, GET_PROFILES, null, null, Instant.now()));
        assertNotAuthorized(SoapProbe.call(media, GET_PROFILES, "someone", PASSWORD, Instant.now()));
        // Created 6 minutes off the device's clock
        assertNotAuthorized(SoapProbe.call(media, GET_PROFILES, USER, PASSWORD, Instant.now().minusSeconds(360)));
        device.clockOffset(Duration.ofHours(2));
        assertNotAuthorized(SoapProbe.call(media, GET_PROFILES, USER, PASSWORD, Instant.now()));
        assertEquals(200, SoapProbe.call(media, GET_PROFILES, USER, PASSWORD, Instant.now().plus(Duration.ofHours(2)))
                .statusCode());
        Instant before = Instant.now().plus(Duration.ofHours(2));
        HttpResponse<String> time = SoapProbe.call(device.deviceServiceUrl(),
                "<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>", null, null, Instant.now());
        Instant after = Instant.now().plus(Duration.ofHours(2));
        assertEquals(200, time.statusCode());
        // the device's UTC clock, 2 hours ahead: its hour is that of a moment between before and after
        assertTrue(time.body().contains("<tt:Hour>" + before.atZone(ZoneOffset.UTC).getHour() + "</tt:Hour>")
                || time.body().contains("<tt:Hour>" + after.atZone(ZoneOffset.UTC).getHour() + "</tt:Hour>"), time.body());

        assertEquals(List.of("OK", "WRONG_PASSWORD", "MISSING", "UNKNOWN_USER", "STALE_CREATED", "STALE_CREATED", "OK",
                "OPEN"), device.calls().stream().map(Call::verdict).toList());
    }

    private static void assertNotAuthorized(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("<s:Value>s:Sender</s:Value><s:Subcode><s:Value>ter:NotAuthorized"),
                response.body());
    }

    @Test
    void faultModeAnswersASoapFaultWithTheReason() throws Exception {
        start().fault("GetProfiles", "Profile store is corrupted");
        HttpResponse<String> r = SoapProbe.call(device.base() + "/onvif/media_service", GET_PROFILES, USER, PASSWORD,
                Instant.now());
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("<s:Value>s:Receiver</s:Value>") && r.body().contains("Profile store is corrupted"),
                r.body());
    }

    /**
     * The XXE trap works: the response carries the DOCTYPE, and a parser that resolves external
     * entities (the JDK's default one) really reads the marker file and fetches the DTD from the
     * double, which counts it; so a client that shows neither is one that refused.
     */
    @Test
    void xxeModeTrapsAParserThatResolvesEntities() throws Exception {
        start().xxe("GetProfiles");
        HttpResponse<String> r = SoapProbe.call(device.base() + "/onvif/media_service", GET_PROFILES, USER, PASSWORD,
                Instant.now());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<!DOCTYPE") && r.body().contains("&xxe;"), r.body());
        assertFalse(r.body().contains(device.xxeMarker()), "the double itself never sends the marker");
        assertTrue(device.xxeFetches().isEmpty());

        DocumentBuilderFactory naive = DocumentBuilderFactory.newInstance();
        naive.setNamespaceAware(true);
        String text = naive.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement().getTextContent();
        assertTrue(text.contains(device.xxeMarker()), "a vulnerable parser reads the marker: " + text);
        assertEquals(List.of("/xxe/external.dtd"), device.xxeFetches());
    }

    @Test
    void snapshotIsARealJpegThatChanges() throws Exception {
        start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create(device.base() + "/onvif/snapshot/main.jpg")).build();
        byte[] a = http.send(get, HttpResponse.BodyHandlers.ofByteArray()).body();
        byte[] b = http.send(get, HttpResponse.BodyHandlers.ofByteArray()).body();
        assertEquals(320, Jpeg.decode(a).getWidth());
        assertEquals(240, Jpeg.decode(a).getHeight());
        assertFalse(Arrays.equals(a, b), "two snapshots differ");

        device.snapshotDigest(true);
        HttpResponse<byte[]> refused = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(401, refused.statusCode());
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Digest "));
    }

    @Test
    void discoveryResponderAnswersVideoTransmitterAndUntypedProbesOnly() throws Exception {
        start();
        String nvt = DiscoveryResponder.probe("urn:uuid:1234", "dn:NetworkVideoTransmitter");
        String display = DiscoveryResponder.probe("urn:uuid:5678", "dn:NetworkVideoDisplay");
        String any = DiscoveryResponder.probe("urn:uuid:9abc", null);
        // the datagram logic without a socket; onvif-util and the plugin's discovery use the socket
        DiscoveryResponder.Identity identity = DiscoveryResponder.identityOf(device);
        String answer = DiscoveryResponder.answerFor(identity, nvt);
        assertNotNull(answer);
        assertTrue(answer.contains("<a:RelatesTo>urn:uuid:1234</a:RelatesTo>"), answer);
        assertTrue(answer.contains("onvif://www.onvif.org/name/UCV%20Double"), answer);
        assertTrue(answer.contains("onvif://www.onvif.org/hardware/UCVD-100"), answer);
        assertTrue(answer.contains("onvif://www.onvif.org/location/Test%20Lab"), answer);
        assertTrue(answer.contains("<d:XAddrs>" + device.deviceServiceUrl() + "</d:XAddrs>"), answer);
        assertTrue(answer.contains("<a:Address>" + device.endpoint() + "</a:Address>"), answer);
        assertNull(DiscoveryResponder.answerFor(identity, display));
        assertNotNull(DiscoveryResponder.answerFor(identity, any));
    }
}
