package org.ucv.core.internal;

import java.util.function.UnaryOperator;

/**
 * A copy of a plugin's or library's exception that is safe to log: its message and its causes'
 * went through {@code CameraConfig.redact}, its stack traces are kept. A plugin's exception often
 * quotes the URL it failed on, with the user and password in it.
 */
final class Redacted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Bounds the copy of a cause chain (a chain may even loop). */
    private static final int MAX_CAUSES = 8;

    private Redacted(String description, StackTraceElement[] trace, Throwable cause) {
        super(description, cause, false, true);
        setStackTrace(trace);
    }

    /**
     * @param t an exception from a plugin or library
     * @param redact the camera's redaction
     * @return a copy whose every text is redacted
     */
    static Throwable of(Throwable t, UnaryOperator<String> redact) {
        return copy(t, redact, MAX_CAUSES);
    }

    /** @return the exception's message, redacted, or its class name when it has none */
    static String message(Throwable t, UnaryOperator<String> redact) {
        return t.getMessage() == null ? t.getClass().getName() : redact.apply(t.getMessage());
    }

    private static Throwable copy(Throwable t, UnaryOperator<String> redact, int depth) {
        Throwable cause = t.getCause() != null && depth > 0 ? copy(t.getCause(), redact, depth - 1) : null;
        String text = t.getMessage() == null ? "" : ": " + redact.apply(t.getMessage());
        return new Redacted(t.getClass().getName() + text, t.getStackTrace(), cause);
    }

    /** Reads like the original exception in a stack trace. */
    @Override
    public String toString() {
        return getMessage();
    }
}
