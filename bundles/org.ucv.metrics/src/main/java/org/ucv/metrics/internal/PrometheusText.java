package org.ucv.metrics.internal;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import org.ucv.api.camera.CameraState;
import org.ucv.api.metrics.CameraTotals;

/**
 * Writes the Prometheus text exposition format 0.0.4: per family a {@code # HELP} and a
 * {@code # TYPE} line, then its samples; label values escaped. Counter families are named with
 * their {@code _total}, as the format's own clients write them. Times are in seconds, sizes in
 * bytes (Prometheus' base units).
 */
public final class PrometheusText {
    /** The Content-Type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(8192);

    private PrometheusText() {
    }

    /**
     * One camera as the page shows it.
     *
     * @param cameraId the camera id (never a name, URL or credential)
     * @param state its state now, or null when unknown (no state series then)
     * @param totals its totals, or null when it has never streamed (counters read 0)
     */
    public record Camera(String cameraId, CameraState state, CameraTotals totals) {
    }

    /**
     * @param cameras the cameras, in the order to list them
     * @param jvm the JVM's figures
     * @return the whole page
     */
    public static String render(List<Camera> cameras, JvmFigures jvm) {
        PrometheusText t = new PrometheusText();
        t.cameras(cameras);
        t.jvm(jvm);
        return t.out.toString();
    }

    private void cameras(List<Camera> cameras) {
        family("ucv_cameras", "gauge", "Cameras configured, refused configurations included.");
        sample("ucv_cameras", "", cameras.size());

        family("ucv_camera_state", "gauge",
                "1 for the camera's current state, 0 for the others (failing: reconnecting, protocol_missing, invalid_config).");
        for (Camera c : cameras) {
            if (c.state() != null) {
                for (CameraState s : CameraState.values()) {
                    sample("ucv_camera_state", labels("camera", c.cameraId(), "state", s.wire()), s == c.state() ? 1 : 0);
                }
            }
        }
        gauge(cameras, "ucv_camera_fps", "Pictures received from the camera per second, last few seconds.",
                CameraTotals::inputFps);
        gauge(cameras, "ucv_camera_viewers", "Viewers watching the camera now.", t -> t.viewers());
        counter(cameras, "ucv_camera_frames_received_total", "Pictures (packets) received from the camera.",
                CameraTotals::framesReceived);
        counter(cameras, "ucv_camera_frames_corrupt_total", "Pictures that failed to decode and were skipped.",
                CameraTotals::framesCorrupt);
        counter(cameras, "ucv_camera_frames_decoded_total", "Pictures decoded.", CameraTotals::framesDecoded);
        counter(cameras, "ucv_camera_frames_encoded_total", "Pictures encoded, summed over renditions.",
                CameraTotals::framesEncoded);
        counter(cameras, "ucv_camera_frames_sent_total", "Frames handed to viewers, summed over viewers.",
                CameraTotals::framesSent);
        counter(cameras, "ucv_camera_frames_dropped_total",
                "Frames dropped: by the session (queue full, waiting for a keyframe) plus those skipped for a busy viewer.",
                CameraTotals::framesDropped);
        counter(cameras, "ucv_camera_bytes_sent_total", "Image bytes handed to viewers, summed over viewers.",
                CameraTotals::bytesSent);
        counter(cameras, "ucv_camera_reconnects_total", "Reconnects scheduled after the camera was lost or failed.",
                CameraTotals::reconnects);
        latency(cameras);
    }

    private void latency(List<Camera> cameras) {
        String name = "ucv_camera_latency_seconds";
        family(name, "histogram", "Capture (arrival at the server) to send latency of the frames sent to viewers.");
        for (Camera c : cameras) {
            CameraTotals.Histogram h = c.totals() != null ? c.totals().latency() : null;
            List<Double> bounds = h != null ? h.upperBoundsMs() : boundsMs();
            for (int i = 0; i < bounds.size(); i++) {
                long n = h != null ? h.cumulativeCounts().get(i) : 0;
                sample(name + "_bucket", labels("camera", c.cameraId(), "le", number(bounds.get(i) / 1000.0)), n);
            }
            long count = h != null ? h.count() : 0;
            sample(name + "_bucket", labels("camera", c.cameraId(), "le", "+Inf"), count);
            sample(name + "_sum", labels("camera", c.cameraId()), h != null ? h.sumMs() / 1000.0 : 0.0);
            sample(name + "_count", labels("camera", c.cameraId()), count);
        }
    }

    private static List<Double> boundsMs() {
        return java.util.Arrays.stream(LatencyHistogram.BOUNDS_MS).boxed().toList();
    }

    private void jvm(JvmFigures jvm) {
        family("ucv_jvm_memory_used_bytes", "gauge", "JVM memory in use.");
        sample("ucv_jvm_memory_used_bytes", labels("area", "heap"), jvm.heapUsed());
        sample("ucv_jvm_memory_used_bytes", labels("area", "nonheap"), jvm.nonHeapUsed());
        family("ucv_jvm_memory_committed_bytes", "gauge", "JVM memory committed by the operating system.");
        sample("ucv_jvm_memory_committed_bytes", labels("area", "heap"), jvm.heapCommitted());
        sample("ucv_jvm_memory_committed_bytes", labels("area", "nonheap"), jvm.nonHeapCommitted());
        family("ucv_jvm_memory_max_bytes", "gauge", "The most heap the JVM may use (-1: no limit).");
        sample("ucv_jvm_memory_max_bytes", labels("area", "heap"), jvm.heapMax());
        family("ucv_jvm_threads", "gauge", "Live JVM threads.");
        sample("ucv_jvm_threads", "", jvm.threads());
        family("ucv_jvm_threads_daemon", "gauge", "Live JVM daemon threads.");
        sample("ucv_jvm_threads_daemon", "", jvm.daemonThreads());
        family("ucv_uptime_seconds", "gauge", "Seconds since the JVM started.");
        sample("ucv_uptime_seconds", "", jvm.uptimeSeconds());
        if (jvm.processCpuSeconds() >= 0) {
            family("ucv_process_cpu_seconds_total", "counter", "CPU time used by the server process.");
            sample("ucv_process_cpu_seconds_total", "", jvm.processCpuSeconds());
        }
    }

    private void gauge(List<Camera> cameras, String name, String help, ToDoubleFunction<CameraTotals> value) {
        family(name, "gauge", help);
        for (Camera c : cameras) {
            sample(name, labels("camera", c.cameraId()), c.totals() != null ? value.applyAsDouble(c.totals()) : 0.0);
        }
    }

    private void counter(List<Camera> cameras, String name, String help, ToLongFunction<CameraTotals> value) {
        family(name, "counter", help);
        for (Camera c : cameras) {
            sample(name, labels("camera", c.cameraId()), c.totals() != null ? value.applyAsLong(c.totals()) : 0);
        }
    }

    private void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String labels, long value) {
        out.append(name).append(labels).append(' ').append(value).append('\n');
    }

    private void sample(String name, String labels, double value) {
        out.append(name).append(labels).append(' ').append(number(value)).append('\n');
    }

    /** @return {@code {k1="v1",k2="v2"}} with the values escaped */
    static String labels(String... keysAndValues) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append(keysAndValues[i]).append("=\"").append(escapeLabel(keysAndValues[i + 1])).append('"');
        }
        return b.append('}').toString();
    }

    /** Label values escape backslash, double quote and line feed (the format's only escapes). */
    static String escapeLabel(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** HELP text escapes backslash and line feed only. */
    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** @return a float as the format reads it (Go's ParseFloat): NaN, +Inf, -Inf or a decimal */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
