package org.ucv.api.convert;

import java.util.Objects;

import org.ucv.api.spi.ErrorCode;

/** A decode or encode step failed (a corrupt packet, an unsupported codec or format). */
public class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public ConversionException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
