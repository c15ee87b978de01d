package org.ucv.api.camera;

import java.util.Locale;

/** The state of one camera as users see it (REST {@code state}, console, UI). */
public enum CameraState {
    /** Configured; nobody watches, so it is not connected. */
    IDLE,
    CONNECTING,
    STREAMING,
    /** Lost or failed; the platform retries with backoff. */
    RECONNECTING,
    /** No plugin serves the camera's protocol; it waits for one. */
    PROTOCOL_MISSING,
    /** The configuration is unusable (e.g. a second camera with the same id). */
    INVALID_CONFIG,
    DISABLED;

    /** @return the name as written in JSON, e.g. {@code protocol_missing} */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
