package org.ucv.api.stream;

import org.ucv.api.spi.CodedException;
import org.ucv.api.spi.ErrorCode;

/** A request to the stream service failed, for a reason from the closed list of codes. */
public class StreamException extends CodedException {
    private static final long serialVersionUID = 1L;

    public StreamException(ErrorCode code, String message) {
        super(code, message, null);
    }
}
