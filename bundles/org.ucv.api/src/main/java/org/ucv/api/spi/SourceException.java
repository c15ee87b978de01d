package org.ucv.api.spi;

import java.util.Objects;

/**
 * A failure of a camera operation (snapshot, connection test, PTZ, discovery) with its code from the
 * closed list. The message names the camera and the cause and never holds credentials.
 */
public class SourceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public SourceException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public SourceException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
