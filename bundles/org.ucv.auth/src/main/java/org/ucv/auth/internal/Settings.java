package org.ucv.auth.internal;

import java.time.Duration;
import java.util.List;

/**
 * The {@code org.ucv.auth} configuration, checked and clamped.
 *
 * @param sessionIdle a session ends after this long unused
 * @param wsTokenLifetime a WebSocket token is valid this long
 * @param anonymousViewers whether clients that did not log in may view
 * @param allowedOrigins WebSocket origins allowed besides the server's own
 * @param metricsOpenLoopback whether /metrics and /health are open to loopback clients
 * @param limits the login throttle's limits
 */
public record Settings(Duration sessionIdle, Duration wsTokenLifetime, boolean anonymousViewers,
        List<String> allowedOrigins, boolean metricsOpenLoopback, LoginThrottle.Limits limits) {
    /** The defaults, as without a configuration. */
    public static final Settings DEFAULTS = of(1800, 60, false, List.of(), false, 5, 100, 60);

    public Settings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * Builds settings from raw numbers, clamping each into its sane range (a typo in a .cfg must
     * not make sessions immortal or throttling useless).
     */
    public static Settings of(long sessionIdleSeconds, long wsTokenSeconds, boolean anonymousViewers,
            List<String> allowedOrigins, boolean metricsOpenLoopback, int userFreeFailures, int addressFreeFailures,
            long maxDelaySeconds) {
        return new Settings(Duration.ofSeconds(clamp(sessionIdleSeconds, 1, 7 * 24 * 3600)),
                Duration.ofSeconds(clamp(wsTokenSeconds, 1, 3600)), anonymousViewers,
                allowedOrigins.stream().map(String::trim).filter(s -> !s.isEmpty()).toList(), metricsOpenLoopback,
                new LoginThrottle.Limits((int) clamp(userFreeFailures, 0, 1000), (int) clamp(addressFreeFailures, 0, 100_000),
                        Duration.ofSeconds(clamp(maxDelaySeconds, 1, 900))));
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
