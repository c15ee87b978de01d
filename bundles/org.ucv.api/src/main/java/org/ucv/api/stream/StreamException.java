package org.ucv.api.stream;

import java.util.Objects;

import org.ucv.api.spi.ErrorCode;

/** A request to the stream service failed, for a reason from the closed list of codes. */
public class StreamException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public StreamException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
