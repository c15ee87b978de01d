package org.ucv.protocol.onvif.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.ucv.api.spi.CameraConfig;

/**
 * The plugin's settings: the component's defaults, each overridable per camera by an option of the
 * same name. Immutable.
 *
 * @param connectTimeout TCP connect (and TLS handshake) bound for one request
 * @param requestTimeout the most one SOAP request (or the snapshot download) may take
 * @param resolveTimeout the most finding the stream URI may take before RTSP opens
 * @param profile {@code main}, {@code sub} or a profile token (or name)
 * @param media {@code auto}, {@code media} (ver10) or {@code media2}
 * @param maxResponseBytes the largest SOAP answer read
 * @param maxSnapshotBytes the largest JPEG read
 * @param sessionCache how long a device's clock offset, services and profiles are reused
 * @param rewriteHost replace the host of the URIs the device gives (XAddrs, stream and snapshot
 *        URIs) with the host the camera is configured with (devices behind NAT or port forwarding)
 * @param insecureTls accept any TLS certificate (https devices with self-signed ones)
 */
public record OnvifSettings(Duration connectTimeout, Duration requestTimeout, Duration resolveTimeout, String profile,
                            String media, int maxResponseBytes, int maxSnapshotBytes, Duration sessionCache,
                            boolean rewriteHost, boolean insecureTls) {
    public static final String MEDIA_AUTO = "auto";
    public static final String MEDIA_V10 = "media";
    public static final String MEDIA_V20 = "media2";

    /** The defaults the component's configuration starts from. */
    public static OnvifSettings defaults() {
        return new OnvifSettings(Duration.ofSeconds(3), Duration.ofSeconds(8), Duration.ofSeconds(15), "main",
                MEDIA_AUTO, 1024 * 1024, 8 * 1024 * 1024, Duration.ofSeconds(60), false, false);
    }

    public OnvifSettings {
        check("connect_timeout_ms", connectTimeout.toMillis(), 100, 120_000);
        check("request_timeout_ms", requestTimeout.toMillis(), 100, 300_000);
        check("resolve_timeout_ms", resolveTimeout.toMillis(), 100, 600_000);
        check("max_response_bytes", maxResponseBytes, 4096, 64L * 1024 * 1024);
        check("max_snapshot_bytes", maxSnapshotBytes, 1024, 64L * 1024 * 1024);
        check("session_cache_seconds", sessionCache.toSeconds(), 0, 86_400);
        profile = profile == null || profile.isBlank() ? "main" : profile.trim();
        media = media == null || media.isBlank() ? MEDIA_AUTO : media.trim().toLowerCase(Locale.ROOT);
        if (!media.equals(MEDIA_AUTO) && !media.equals(MEDIA_V10) && !media.equals(MEDIA_V20)) {
            throw new IllegalArgumentException("option media must be auto, media or media2, was '" + media + "'");
        }
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("option " + name + " must be " + min + "-" + max + ", was " + value);
        }
    }

    /**
     * @param camera a camera
     * @return these settings with the camera's options applied; the profile is the option
     *         {@code profile}, else the camera's {@code stream} field, else the default
     * @throws IllegalArgumentException naming a bad option
     */
    public OnvifSettings forCamera(CameraConfig camera) {
        String chosenProfile = camera.option("profile").filter(s -> !s.isBlank())
                .or(() -> camera.stream()).orElse(profile);
        return new OnvifSettings(
                millis(camera, "connect_timeout_ms").orElse(connectTimeout),
                millis(camera, "request_timeout_ms").orElse(requestTimeout),
                millis(camera, "resolve_timeout_ms").orElse(resolveTimeout),
                chosenProfile,
                camera.option("media").orElse(media),
                maxResponseBytes, maxSnapshotBytes, sessionCache,
                bool(camera, "rewrite_host").orElse(rewriteHost),
                bool(camera, "insecure_tls").orElse(insecureTls));
    }

    /** @return the limits of a SOAP request */
    public HttpLite.Limits soapLimits() {
        return new HttpLite.Limits(connectTimeout, requestTimeout, maxResponseBytes, insecureTls);
    }

    /** @return the limits of a snapshot download */
    public HttpLite.Limits snapshotLimits() {
        return new HttpLite.Limits(connectTimeout, requestTimeout, maxSnapshotBytes, insecureTls);
    }

    private static Optional<Duration> millis(CameraConfig camera, String key) {
        Optional<String> v = camera.option(key).map(String::trim).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis(Long.parseLong(v.get())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be a whole number of milliseconds, was '"
                    + v.get() + "'");
        }
    }

    private static Optional<Boolean> bool(CameraConfig camera, String key) {
        Optional<String> v = camera.option(key).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return switch (v.get()) {
            case "true", "yes", "1", "on" -> Optional.of(true);
            case "false", "no", "0", "off" -> Optional.of(false);
            default -> throw new IllegalArgumentException("option " + key + " must be true or false, was '" + v.get() + "'");
        };
    }
}
