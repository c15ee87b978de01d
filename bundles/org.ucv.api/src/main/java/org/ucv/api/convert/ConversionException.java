package org.ucv.api.convert;

import org.ucv.api.spi.CodedException;
import org.ucv.api.spi.ErrorCode;

/** A decode or encode step failed (a corrupt packet, an unsupported codec or format). */
public class ConversionException extends CodedException {
    private static final long serialVersionUID = 1L;

    public ConversionException(ErrorCode code, String message) {
        super(code, message, null);
    }
}
