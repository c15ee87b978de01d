package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.UcvServer;
import org.ucv.testing.RtspPeer;

/**
 * The web page in a real browser: {@code frontend/e2e/e2e.mjs} drives Debian's Chromium (through
 * playwright-core, installed by the frontend's {@code npm ci}) against the running distribution
 * and a GStreamer RTSP peer. The script logs in, watches the demo camera, switches quality, stops
 * and starts, adds an RTSP camera through the form, shows an unreachable camera's error, the
 * 4-camera layout, runs axe-core and checks a 375 px wide window; docs/frontend.md lists the checks.
 * Its output is echoed here; screenshots land in {@code target/screenshots} for a person to look at.
 */
class BrowserIT {
    private static final String CHROMIUM = "/usr/bin/chromium";
    /** The script bounds itself (150 s); this is the last resort if node itself hangs. */
    private static final Duration RUN_LIMIT = Duration.ofSeconds(200);
    private static final String SIZE = "320x240@10";
    /** The ids the script gives its cameras; deleted here too in case the script died before its cleanup. */
    private static final List<String> SCRIPT_CAMERAS = List.of("a-e2e-rtsp-1", "a-e2e-rtsp-2", "a-e2e-rtsp-3",
            "z-e2e-unreachable");

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.shared();

    private static RtspPeer peer;

    @BeforeAll
    static void startPeer() {
        peer = RtspPeer.start(RtspPeer.freePort(), "/b1=h264:" + SIZE, "/b2=h264:" + SIZE, "/b3=h264:" + SIZE);
    }

    @AfterAll
    static void stopPeer() {
        if (peer != null) {
            peer.stop();
        }
    }

    @AfterEach
    void deleteScriptCameras() throws Exception {
        UcvServer server = UCV.server();
        for (String id : SCRIPT_CAMERAS) {
            int status = server.send("DELETE", "/api/cameras/" + id, null, server.adminSession()).statusCode();
            assertTrue(status == 204 || status == 404, "DELETE " + id + " answered " + status);
        }
    }

    @Test
    void thePageWorksInChromium() throws Exception {
        Path frontend = Path.of(System.getProperty("ucv.frontend.dir", "../frontend")).toAbsolutePath().normalize();
        Path script = frontend.resolve("e2e/e2e.mjs");
        assertTrue(Files.isRegularFile(script), "no " + script);
        assertTrue(Files.isDirectory(frontend.resolve("node_modules/playwright-core")),
                "playwright-core is not installed in " + frontend + ": build the frontend module first (npm ci)");
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)), CHROMIUM + " is missing: install Debian's package 'chromium'");
        Path screenshots = Path.of(System.getProperty("ucv.work.dir", "target")).resolve("screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);

        UcvServer server = UCV.server();
        List<String> command = List.of("node", script.toString(),
                "--base-url", "http://127.0.0.1:" + server.port(),
                "--user", UcvServer.ADMIN,
                "--rtsp", String.join(",", peer.url("/b1"), peer.url("/b2"), peer.url("/b3")),
                "--out", screenshots.toString(),
                "--chromium", CHROMIUM);
        ProcessBuilder builder = new ProcessBuilder(command).directory(frontend.toFile()).redirectErrorStream(true);
        // The password goes through the environment, not the command line (which any user can list).
        builder.environment().put("UCV_PASSWORD", server.adminPassword());
        Process node = builder.start();
        node.getOutputStream().close();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> echo(node, output), "browser-it-output");
        reader.start();
        boolean finished = node.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            // Chromium runs as node's children: end the whole tree, not just node.
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            node.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        String text;
        synchronized (output) {
            text = String.join("\n", output);
        }
        assertTrue(finished, "the browser test did not end within " + RUN_LIMIT.toSeconds() + " s:\n" + text);
        assertEquals(0, node.exitValue(), "the browser test failed (screenshots in " + screenshots + "):\n" + text);
        assertTrue(text.contains("all checks passed"), text);
    }

    /** Each line of the script goes to this test's output as it comes, and into {@code into}. */
    private static void echo(Process node, List<String> into) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("e2e: " + line);
                synchronized (into) {
                    into.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
