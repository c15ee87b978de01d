package org.ucv.api.spi;

import java.util.Objects;

/**
 * A failure that carries its cause as a code from the closed list, so every layer (SPI, stream
 * service, converter) reports errors the way the WebSocket, REST and the UI show them.
 */
public abstract class CodedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    protected CodedException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** @return the cause, from the closed list */
    public ErrorCode code() {
        return code;
    }
}
