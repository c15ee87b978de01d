package org.ucv.console.internal;

import org.ucv.api.spi.CodedException;
import org.ucv.api.spi.ErrorCode;

/** A console action failed; the message is safe to show (no credentials) and names the camera. */
public final class ToolException extends CodedException {
    private static final long serialVersionUID = 1L;

    public ToolException(ErrorCode code, String message) {
        super(code, message, null);
    }

    /** @return "code: message", the form the page and the shell print */
    public String describe() {
        return code().wire() + ": " + getMessage();
    }
}
