package org.ucv.api.spi;

/**
 * A failure of a camera operation (snapshot, connection test, PTZ, discovery) with its code from the
 * closed list. The message names the camera and the cause and never holds credentials.
 */
public class SourceException extends CodedException {
    private static final long serialVersionUID = 1L;

    public SourceException(ErrorCode code, String message) {
        super(code, message, null);
    }

    public SourceException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
