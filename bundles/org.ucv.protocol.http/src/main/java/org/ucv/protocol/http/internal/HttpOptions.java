package org.ucv.protocol.http.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.ucv.api.spi.CameraConfig;

/**
 * A camera's options for the HTTP protocol (CameraConfig.options()), checked. A bad value is
 * reported in {@link #warnings()} and its default is used, so a typo never stops a camera.
 *
 * @param mode {@code mjpeg} (a multipart stream) or {@code snapshot} (polling a JPEG URL)
 * @param fps snapshot polling rate
 * @param maxPartBytes the largest JPEG accepted; larger parts are dropped and counted
 * @param insecureTls accept any TLS certificate (self-signed cameras)
 * @param connectTimeoutMillis TCP (and TLS handshake) connect bound
 * @param readTimeoutMillis the longest silence on a read, and the longest time a stream may go
 *        without a complete picture
 * @param snapshotUrl the URL (or path on the camera) of a JPEG, for snapshots in {@code mjpeg} mode
 * @param warnings what was wrong with the options, for the log
 */
public record HttpOptions(Mode mode, double fps, int maxPartBytes, boolean insecureTls, int connectTimeoutMillis,
                          int readTimeoutMillis, Optional<String> snapshotUrl, List<String> warnings) {
    /** How pictures are fetched. */
    public enum Mode { MJPEG, SNAPSHOT }

    public static final String MODE = "mode";
    public static final String FPS = "fps";
    public static final String MAX_PART_BYTES = "max_part_bytes";
    public static final String INSECURE_TLS = "insecure_tls";
    public static final String CONNECT_TIMEOUT_MS = "connect_timeout_ms";
    public static final String READ_TIMEOUT_MS = "read_timeout_ms";
    public static final String SNAPSHOT_URL = "snapshot_url";

    static final double DEFAULT_FPS = 2;
    static final double MAX_FPS = 30;
    static final int DEFAULT_MAX_PART_BYTES = 8 * 1024 * 1024;
    static final int MIN_MAX_PART_BYTES = 1024;
    static final int MAX_MAX_PART_BYTES = 64 * 1024 * 1024;
    static final int DEFAULT_CONNECT_TIMEOUT_MS = 5000;
    static final int DEFAULT_READ_TIMEOUT_MS = 10000;

    /**
     * @param camera the camera
     * @return its options, defaults where absent or invalid
     */
    public static HttpOptions of(CameraConfig camera) {
        List<String> warnings = new ArrayList<>();
        Mode mode = Mode.MJPEG;
        Optional<String> m = camera.option(MODE);
        if (m.isPresent()) {
            switch (m.get().trim().toLowerCase(Locale.ROOT)) {
                case "mjpeg" -> mode = Mode.MJPEG;
                case "snapshot" -> mode = Mode.SNAPSHOT;
                default -> warnings.add("option mode='" + m.get() + "' must be mjpeg or snapshot; using mjpeg");
            }
        }
        double fps = number(camera, FPS, DEFAULT_FPS, 0, MAX_FPS, false, warnings);
        int maxPart = (int) number(camera, MAX_PART_BYTES, DEFAULT_MAX_PART_BYTES, MIN_MAX_PART_BYTES,
                MAX_MAX_PART_BYTES, true, warnings);
        int connect = (int) number(camera, CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, 100, 120_000, true, warnings);
        int read = (int) number(camera, READ_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS, 100, 600_000, true, warnings);
        boolean insecure = false;
        Optional<String> tls = camera.option(INSECURE_TLS);
        if (tls.isPresent()) {
            String v = tls.get().trim().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                insecure = v.equals("true");
            } else {
                warnings.add("option insecure_tls='" + tls.get() + "' must be true or false; using false");
            }
        }
        Optional<String> snapshot = camera.option(SNAPSHOT_URL).map(String::trim).filter(s -> !s.isEmpty());
        return new HttpOptions(mode, fps, maxPart, insecure, connect, read, snapshot, List.copyOf(warnings));
    }

    /** A number within (min, max] for rates, [min, max] for integers. */
    private static double number(CameraConfig camera, String key, double dflt, double min, double max,
                                 boolean integer, List<String> warnings) {
        Optional<String> text = camera.option(key);
        if (text.isEmpty()) {
            return dflt;
        }
        try {
            double v = integer ? Long.parseLong(text.get().trim()) : Double.parseDouble(text.get().trim());
            if ((integer ? v >= min : v > min) && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the value, like an out-of-range one
        }
        warnings.add("option " + key + "='" + text.get() + "' must be " + (integer ? "an integer from " + (long) min
                : "a number above " + (long) min) + " to " + (long) max + "; using " + (integer ? Long.toString((long) dflt) : dflt));
        return dflt;
    }
}
