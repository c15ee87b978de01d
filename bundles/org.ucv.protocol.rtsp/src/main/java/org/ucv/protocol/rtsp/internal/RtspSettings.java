package org.ucv.protocol.rtsp.internal;

import java.time.Duration;
import java.util.Locale;

import org.ucv.api.spi.CameraConfig;

/**
 * How one RTSP connection is opened: transport and the bounds that keep a silent or dead camera
 * from holding a thread. Defaults come from the component's configuration; a camera may override
 * each with an option of the same name ({@code socket_timeout_ms}, ...).
 *
 * @param transport {@code tcp} (interleaved, the default), {@code udp} or {@code http} (tunnelled)
 * @param socketTimeout FFmpeg's socket I/O timeout: a request unanswered this long fails
 * @param openTimeout the most connect + DESCRIBE + SETUP + PLAY + probing may take together
 * @param readTimeout the longest gap between two video packets before the stream counts as lost
 * @param analyzeDurationMicros how much of the stream FFmpeg may read to learn its parameters
 * @param probeSize how many bytes FFmpeg may read for that
 */
public record RtspSettings(String transport, Duration socketTimeout, Duration openTimeout, Duration readTimeout,
                           long analyzeDurationMicros, long probeSize) {
    public static final String SOCKET_TIMEOUT_MS = "socket_timeout_ms";
    public static final String OPEN_TIMEOUT_MS = "open_timeout_ms";
    public static final String READ_TIMEOUT_MS = "read_timeout_ms";
    public static final String ANALYZE_DURATION_MS = "analyzeduration_ms";
    public static final String PROBE_SIZE = "probesize";

    /**
     * @return these defaults with the camera's transport and options applied
     * @throws IllegalArgumentException naming a bad option or transport
     */
    public RtspSettings forCamera(CameraConfig camera) {
        String t = camera.transport().map(v -> v.toLowerCase(Locale.ROOT)).orElse(transport);
        if (!t.equals("tcp") && !t.equals("udp") && !t.equals("http")) {
            throw new IllegalArgumentException("transport must be tcp, udp or http, was '" + t + "'");
        }
        return new RtspSettings(t,
                millis(camera, SOCKET_TIMEOUT_MS, socketTimeout),
                millis(camera, OPEN_TIMEOUT_MS, openTimeout),
                millis(camera, READ_TIMEOUT_MS, readTimeout),
                number(camera, ANALYZE_DURATION_MS, analyzeDurationMicros / 1000, 0, 30_000) * 1000,
                number(camera, PROBE_SIZE, probeSize, 32, 50_000_000));
    }

    /** @return a copy whose open may take at most {@code limit} (snapshots and tests have a caller's deadline) */
    public RtspSettings capOpen(Duration limit) {
        return new RtspSettings(transport, min(socketTimeout, limit), min(openTimeout, limit), min(readTimeout, limit),
                analyzeDurationMicros, probeSize);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration millis(CameraConfig camera, String key, Duration fallback) {
        return Duration.ofMillis(number(camera, key, fallback.toMillis(), 100, 120_000));
    }

    private static long number(CameraConfig camera, String key, long fallback, long min, long max) {
        String text = camera.option(key).orElse(null);
        if (text == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("option " + key + " must be a whole number " + min + "-" + max
                + ", was '" + text + "'");
    }
}
