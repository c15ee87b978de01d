package org.ucv.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucv.api.camera.CameraState;
import org.ucv.api.metrics.CameraTotals;

class PrometheusTextTest {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})? (\\S+)");
    private static final JvmFigures JVM = new JvmFigures(1000, 2000, -1, 300, 400, 42, 30, 12.5, 3.25);

    private static CameraTotals demoTotals() {
        return new CameraTotals("demo", 15.2, 1, 150, 1, 150, 149, 148, 3, 1_234_567, 2,
                new CameraTotals.Histogram(List.of(5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0),
                        List.of(0L, 10L, 100L, 140L, 148L, 148L, 148L, 148L, 148L), 148, 3_330.0));
    }

    private static String page() {
        return PrometheusText.render(List.of(
                new PrometheusText.Camera("demo", CameraState.STREAMING, demoTotals()),
                new PrometheusText.Camera("gate", CameraState.RECONNECTING, null)), JVM);
    }

    /** family name -> its sample lines, checking HELP/TYPE pairs and line syntax on the way. */
    private static Map<String, List<String>> families(String text) {
        assertTrue(text.endsWith("\n"), "the last line ends with a line feed");
        Map<String, List<String>> families = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            if (line.startsWith("# HELP ")) {
                current = line.split(" ")[2];
                assertFalse(families.containsKey(current), "family " + current + " appears twice");
                families.put(current, new ArrayList<>());
                assertTrue(lines[i + 1].startsWith("# TYPE " + current + " "), "TYPE follows HELP of " + current);
            } else if (line.startsWith("# TYPE ")) {
                types.put(line.split(" ")[2], line.split(" ")[3]);
            } else {
                Matcher m = SAMPLE.matcher(line);
                assertTrue(m.matches(), "sample line: " + line);
                assertTrue(m.group(1).startsWith(current), m.group(1) + " belongs to family " + current);
                families.get(current).add(line);
            }
        }
        for (String name : families.keySet()) {
            assertTrue(name.startsWith("ucv_"), name);
            if ("counter".equals(types.get(name))) {
                assertTrue(name.endsWith("_total"), "counter " + name);
            }
        }
        return families;
    }

    private static String value(Map<String, List<String>> families, String family, String sampleStart) {
        return families.get(family).stream().filter(l -> l.startsWith(sampleStart + " ")).findFirst()
                .map(l -> l.substring(sampleStart.length() + 1))
                .orElseThrow(() -> new AssertionError("no sample " + sampleStart + " in " + families.get(family)));
    }

    @Test
    void everyCameraFigureIsThereWithItsCameraLabel() {
        Map<String, List<String>> f = families(page());
        assertEquals("2", value(f, "ucv_cameras", "ucv_cameras"));
        assertEquals("15.2", value(f, "ucv_camera_fps", "ucv_camera_fps{camera=\"demo\"}"));
        assertEquals("1", value(f, "ucv_camera_viewers", "ucv_camera_viewers{camera=\"demo\"}"));
        assertEquals("150", value(f, "ucv_camera_frames_received_total", "ucv_camera_frames_received_total{camera=\"demo\"}"));
        assertEquals("150", value(f, "ucv_camera_frames_decoded_total", "ucv_camera_frames_decoded_total{camera=\"demo\"}"));
        assertEquals("149", value(f, "ucv_camera_frames_encoded_total", "ucv_camera_frames_encoded_total{camera=\"demo\"}"));
        assertEquals("148", value(f, "ucv_camera_frames_sent_total", "ucv_camera_frames_sent_total{camera=\"demo\"}"));
        assertEquals("3", value(f, "ucv_camera_frames_dropped_total", "ucv_camera_frames_dropped_total{camera=\"demo\"}"));
        assertEquals("1234567", value(f, "ucv_camera_bytes_sent_total", "ucv_camera_bytes_sent_total{camera=\"demo\"}"));
        assertEquals("2", value(f, "ucv_camera_reconnects_total", "ucv_camera_reconnects_total{camera=\"demo\"}"));
        assertEquals("0", value(f, "ucv_camera_frames_received_total", "ucv_camera_frames_received_total{camera=\"gate\"}"),
                "a camera that never streamed reads 0");
    }

    @Test
    void stateIsOneSeriesPerStateWithOneForTheCurrent() {
        Map<String, List<String>> f = families(page());
        List<String> demo = f.get("ucv_camera_state").stream().filter(l -> l.contains("camera=\"demo\"")).toList();
        assertEquals(CameraState.values().length, demo.size());
        assertEquals("1", value(f, "ucv_camera_state", "ucv_camera_state{camera=\"demo\",state=\"streaming\"}"));
        assertEquals("0", value(f, "ucv_camera_state", "ucv_camera_state{camera=\"demo\",state=\"idle\"}"));
        assertEquals("1", value(f, "ucv_camera_state", "ucv_camera_state{camera=\"gate\",state=\"reconnecting\"}"));
        assertEquals(1, demo.stream().filter(l -> l.endsWith(" 1")).count());
    }

    @Test
    void latencyIsAHistogramInSecondsWithCumulativeBuckets() {
        String text = page();
        assertTrue(text.contains("# TYPE ucv_camera_latency_seconds histogram\n"), text);
        Map<String, List<String>> f = families(text);
        String h = "ucv_camera_latency_seconds";
        assertEquals("0", value(f, h, h + "_bucket{camera=\"demo\",le=\"0.005\"}"));
        assertEquals("10", value(f, h, h + "_bucket{camera=\"demo\",le=\"0.01\"}"));
        assertEquals("148", value(f, h, h + "_bucket{camera=\"demo\",le=\"2.5\"}"));
        assertEquals("148", value(f, h, h + "_bucket{camera=\"demo\",le=\"+Inf\"}"));
        assertEquals("148", value(f, h, h + "_count{camera=\"demo\"}"));
        assertEquals("3.33", value(f, h, h + "_sum{camera=\"demo\"}"));
        assertEquals("0", value(f, h, h + "_bucket{camera=\"gate\",le=\"+Inf\"}"));
        assertEquals(10, f.get(h).stream().filter(l -> l.startsWith(h + "_bucket{camera=\"gate\"")).count());
    }

    @Test
    void jvmFigures() {
        Map<String, List<String>> f = families(page());
        assertEquals("1000", value(f, "ucv_jvm_memory_used_bytes", "ucv_jvm_memory_used_bytes{area=\"heap\"}"));
        assertEquals("300", value(f, "ucv_jvm_memory_used_bytes", "ucv_jvm_memory_used_bytes{area=\"nonheap\"}"));
        assertEquals("2000", value(f, "ucv_jvm_memory_committed_bytes", "ucv_jvm_memory_committed_bytes{area=\"heap\"}"));
        assertEquals("400", value(f, "ucv_jvm_memory_committed_bytes", "ucv_jvm_memory_committed_bytes{area=\"nonheap\"}"));
        assertEquals("42", value(f, "ucv_jvm_threads", "ucv_jvm_threads"));
        assertEquals("30", value(f, "ucv_jvm_threads_daemon", "ucv_jvm_threads_daemon"));
        assertEquals("12.5", value(f, "ucv_uptime_seconds", "ucv_uptime_seconds"));
        assertEquals("3.25", value(f, "ucv_process_cpu_seconds_total", "ucv_process_cpu_seconds_total"));
    }

    @Test
    void unknownCpuTimeLeavesTheFamilyOut() {
        String text = PrometheusText.render(List.of(), new JvmFigures(1, 1, 1, 1, 1, 1, 1, 1, -1));
        assertFalse(text.contains("cpu"), text);
        families(text);
    }

    @Test
    void theRealJvmFiguresAreSane() {
        JvmFigures jvm = JvmFigures.read();
        assertTrue(jvm.heapUsed() > 0 && jvm.heapCommitted() >= jvm.heapUsed(), jvm.toString());
        assertTrue(jvm.threads() >= 1 && jvm.daemonThreads() <= jvm.threads(), jvm.toString());
        assertTrue(jvm.uptimeSeconds() > 0, jvm.toString());
        assertTrue(jvm.processCpuSeconds() > 0, "a HotSpot JVM tells its CPU time: " + jvm);
    }

    @Test
    void labelValuesAreEscaped() {
        assertEquals("a\\\\b\\\"c\\nd", PrometheusText.escapeLabel("a\\b\"c\nd"));
        assertEquals("{camera=\"x\\\"y\",le=\"+Inf\"}", PrometheusText.labels("camera", "x\"y", "le", "+Inf"));
        String text = PrometheusText.render(List.of(new PrometheusText.Camera("we\"ird\\id\nx", CameraState.INVALID_CONFIG, null)), JVM);
        assertTrue(text.contains("ucv_camera_viewers{camera=\"we\\\"ird\\\\id\\nx\"} 0\n"), text);
        families(text);
    }

    @Test
    void helpTextEscapesBackslashAndLineFeed() {
        assertEquals("a\\\\b\\nc \"q\"", PrometheusText.escapeHelp("a\\b\nc \"q\""));
    }

    @Test
    void numbersAreWhatGoAndPythonRead() {
        assertEquals("15", PrometheusText.number(15.0));
        assertEquals("0.005", PrometheusText.number(0.005));
        assertEquals("15.25", PrometheusText.number(15.25));
        assertEquals("NaN", PrometheusText.number(Double.NaN));
        assertEquals("+Inf", PrometheusText.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.number(Double.NEGATIVE_INFINITY));
        assertEquals(1e20, Double.parseDouble(PrometheusText.number(1e20)));
    }

    /**
     * The page as Debian's python3-prometheus-client parser reads it, when this machine has it
     * (the integration test always uses it).
     */
    @Test
    void pythonPrometheusClientParsesThePage(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python) && run(python, "-c", "import prometheus_client.parser").isEmpty(),
                "python3-prometheus-client is not installed");
        Path page = dir.resolve("metrics.txt");
        Files.writeString(page, PrometheusText.render(List.of(
                new PrometheusText.Camera("demo", CameraState.STREAMING, demoTotals()),
                new PrometheusText.Camera("we\"ird\\id", CameraState.IDLE, null)), JVM));
        String out = run(python, "-c", """
                import sys
                from prometheus_client.parser import text_string_to_metric_families
                for f in text_string_to_metric_families(open(sys.argv[1], encoding='utf-8').read()):
                    for s in f.samples:
                        if s.name == 'ucv_camera_bytes_sent_total' or s.name == 'ucv_camera_latency_seconds_count':
                            print(f.type, s.name, s.labels['camera'], s.value)
                """, page.toString());
        assertEquals("""
                counter ucv_camera_bytes_sent_total demo 1234567.0
                counter ucv_camera_bytes_sent_total we"ird\\id 0.0
                histogram ucv_camera_latency_seconds_count demo 148.0
                histogram ucv_camera_latency_seconds_count we"ird\\id 0.0
                """, out);
    }

    /** @return what the command printed on stderr and stdout, empty for a quiet success */
    private static String run(Path python, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python did not finish: " + out);
        }
        return p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
    }
}
