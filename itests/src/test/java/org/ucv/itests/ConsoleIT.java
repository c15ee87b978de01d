package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucv.itests.support.Await;
import org.ucv.itests.support.Jpeg;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.UcvServer;

/**
 * The Web Console's "Cameras" page and the {@code ucv:} Gogo commands (docs/console.md), against
 * the running distribution.
 */
class ConsoleIT {
    private static final String PAGE = "/system/console/ucv-cameras";
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern PASSWORD = Pattern.compile("shown only now: (\\S+)");

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.shared();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void thePageListsTheDemoCameraWithItsStateAfterLogin() throws Exception {
        HttpResponse<String> page = Await.until("the Cameras page", ANSWER,
                () -> console("GET", PAGE, null), r -> r.statusCode() == 200 && r.body().contains("data-camera=\"demo\""));
        String body = page.body();
        assertTrue(body.contains("id=\"ucv-cameras\""), "the camera table");
        String demoRow = row(body, "demo");
        assertTrue(demoRow.matches("(?s).*<td>demo</td><td>[^<]*</td><td>demo</td><td>(idle|connecting|streaming|reconnecting)"
                + "[^<]*</td>.*"), "id, name, protocol and state of demo: " + demoRow);
        assertTrue(demoRow.contains("src=\"" + PAGE + "/snapshot/demo\""), "a thumbnail: " + demoRow);
        assertTrue(demoRow.contains("value=\"test\">Test</button>"), "a Test action: " + demoRow);
        assertFalse(body.contains("${"), "the console's variables are not left in the page");
    }

    @Test
    void withoutLoginThePageAndItsThumbnailsAre401() throws Exception {
        assertEquals(401, anonymous("GET", PAGE).statusCode());
        assertEquals(401, anonymous("GET", PAGE + "/snapshot/demo").statusCode());
        assertEquals(401, anonymous("POST", PAGE).statusCode());
    }

    @Test
    void aThumbnailIsAJpegOfTheCamera() throws Exception {
        HttpResponse<byte[]> thumbnail = Await.until("a thumbnail of demo", ANSWER, () -> http.send(
                request(PAGE + "/snapshot/demo").GET().build(), HttpResponse.BodyHandlers.ofByteArray()),
                r -> r.statusCode() == 200);
        assertEquals("image/jpeg", thumbnail.headers().firstValue("Content-Type").orElse(""));
        BufferedImage picture = Jpeg.decode(thumbnail.body());
        assertTrue(picture.getWidth() > 0 && picture.getWidth() <= 640, "width " + picture.getWidth());
        assertEquals(404, console("GET", PAGE + "/snapshot/no-such-camera", null).statusCode());
    }

    @Test
    void startHoldsAViewerAndStopReleasesIt() throws Exception {
        String token = token(console("GET", PAGE, null).body());
        String started = console("POST", PAGE, "csrf=" + token + "&camera=demo&action=start").body();
        assertTrue(started.contains("demo: console keep-alive viewer started"), message(started));
        Await.until("demo streaming, held by the console", ANSWER, () -> row(console("GET", PAGE, null).body(), "demo"),
                row -> row.contains("<td>streaming (held by console)</td>") && row.contains("value=\"stop\">Stop</button>"));
        String stopped = console("POST", PAGE, "csrf=" + token + "&camera=demo&action=stop").body();
        assertTrue(stopped.contains("demo: console keep-alive viewer stopped."), message(stopped));
        assertFalse(row(stopped, "demo").contains("held by console"));
    }

    @Test
    void anActionWithoutTheFormTokenDoesNothing() throws Exception {
        String refused = console("POST", PAGE, "camera=demo&action=start").body();
        assertTrue(refused.contains("Refused: the form is out of date"), message(refused));
        assertFalse(row(refused, "demo").contains("held by console"));
    }

    @Test
    void testActionShowsAResult() throws Exception {
        String token = token(console("GET", PAGE, null).body());
        String tested = console("POST", PAGE, "csrf=" + token + "&camera=demo&action=test").body();
        assertTrue(tested.contains("demo: connection test not supported by the &#39;demo&#39; plugin")
                || tested.contains("demo: ok in"), message(tested));
    }

    @Test
    void gogoCamerasListsTheDemoCamera() {
        String out = UCV.server().gogo("ucv:cameras");
        assertTrue(out.contains("ID") && out.contains("PROTOCOL") && out.contains("STATE"), out);
        assertTrue(Pattern.compile("(?m)^demo\\s+.*\\bdemo\\s+(idle|connecting|streaming|reconnecting)\\b").matcher(out).find(), out);
    }

    @Test
    void gogoAddThenRemoveACamera() {
        UcvServer server = UCV.server();
        String added = server.gogo("ucv:add it-console demo - name=ConsoleIT option.fps=5");
        assertTrue(added.contains("Camera 'it-console' added (protocol demo)."), added);
        assertFalse(added.contains("has not listed it yet"), added);
        String listed = server.gogo("ucv:cameras");
        assertTrue(Pattern.compile("(?m)^it-console\\s+ConsoleIT\\s+demo\\s+").matcher(listed).find(), listed);

        String invalid = server.gogo("ucv:add it-console demo -");
        assertTrue(invalid.contains("Error: Camera 'it-console' not added"), invalid);

        String removed = server.gogo("ucv:remove it-console");
        assertTrue(removed.contains("Camera 'it-console' removed."), removed);
        assertFalse(server.gogo("ucv:cameras").contains("it-console"));
    }

    @Test
    void gogoAddPrintsBadArgumentsOnOneLine() {
        String out = UCV.server().gogo("ucv:add Not-An-Id demo -");
        assertTrue(out.contains("Error: camera id 'Not-An-Id' must match"), out);
        assertFalse(out.contains("\tat "), "no stack trace: " + out);
    }

    @Test
    void gogoTestPrintsAResultOrNotSupported() {
        String out = UCV.server().gogo("ucv:test demo");
        assertTrue(out.contains("demo: connection test not supported by the 'demo' plugin") || out.contains("demo: ok in"), out);
    }

    @Test
    void gogoStreamsAndSnapshot() throws IOException {
        UcvServer server = UCV.server();
        Path file = server.home().resolveSibling("console-it-demo.jpg");
        Files.deleteIfExists(file);
        String out = server.gogo("ucv:snapshot demo " + file);
        assertTrue(out.contains("Wrote " + file), out);
        BufferedImage picture = Jpeg.decode(Files.readAllBytes(file));
        assertTrue(out.contains(picture.getWidth() + "x" + picture.getHeight()), out);
        String streams = server.gogo("ucv:streams");
        assertTrue(streams.contains("No stream is running.") || streams.contains("RENDITIONS"), streams);
    }

    @Test
    void gogoUsersAndAnAdminPasswordReset() throws Exception {
        UcvServer server = UCV.server();
        String users = server.gogo("ucv:users");
        assertTrue(Pattern.compile("(?m)^admin\\s+admin\\s*$").matcher(users).find(), users);

        String added = server.gogo("ucv:useradd it-console-user viewer");
        String first = password(added);
        assertEquals(200, login("it-console-user", first).statusCode());
        assertTrue(Pattern.compile("(?m)^it-console-user\\s+viewer\\s*$").matcher(server.gogo("ucv:users")).find());

        String reset = server.gogo("ucv:passwd it-console-user");
        String second = password(reset);
        assertFalse(first.equals(second));
        assertEquals(200, login("it-console-user", second).statusCode());
        assertEquals(401, login("it-console-user", first).statusCode(), "the old password no longer works");

        assertTrue(server.gogo("ucv:userdel it-console-user").contains("User 'it-console-user' removed."));
        assertTrue(server.gogo("ucv:userdel it-console-user").contains("Error: "));
    }

    private HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
        return UCV.server().send("POST", "/api/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null);
    }

    private static String password(String out) {
        Matcher m = PASSWORD.matcher(out);
        assertTrue(m.find(), "a generated password in: " + out);
        return m.group(1);
    }

    /** A request of the logged-in admin: the session cookie, as a browser sends it. */
    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(UCV.server().uri("http", path)).timeout(ANSWER)
                .header("Cookie", "ucv_session=" + UCV.server().adminSession());
    }

    private HttpResponse<String> console(String method, String path, String form) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path);
        if (form == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> anonymous(String method, String path) throws IOException, InterruptedException {
        URI uri = UCV.server().uri("http", path);
        return http.send(HttpRequest.newBuilder(uri).timeout(ANSWER).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String page) {
        Matcher m = TOKEN.matcher(page);
        assertTrue(m.find(), "a form token in the page");
        return m.group(1);
    }

    private static String row(String page, String cameraId) {
        int start = page.indexOf("<tr data-camera=\"" + cameraId + "\">");
        assertTrue(start >= 0, "a row for " + cameraId);
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static String message(String page) {
        int start = page.indexOf("id=\"ucv-message\"");
        return start < 0 ? "(no message)" : page.substring(start, Math.min(page.length(), page.indexOf("</div>", start)));
    }
}
