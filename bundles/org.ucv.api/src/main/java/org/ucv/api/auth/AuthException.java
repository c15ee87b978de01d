package org.ucv.api.auth;

import java.time.Duration;

/** A login or user operation that was refused, with the HTTP status it maps to. */
public class AuthException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why it was refused. */
    public enum Reason {
        /** Unknown user or wrong password (HTTP 401, code {@code unauthorized}). */
        BAD_CREDENTIALS(401, "unauthorized"),
        /** Too many failures for this user or address; try again after {@link #retryAfter()} (HTTP 429, code {@code unauthorized}). */
        THROTTLED(429, "unauthorized"),
        /** Not allowed for this principal (HTTP 403, code {@code forbidden}). */
        FORBIDDEN(403, "forbidden"),
        /** Bad user name, role or password form (HTTP 400, code {@code invalid_params}). */
        INVALID(400, "invalid_params"),
        /** The user does not exist (HTTP 404, code {@code invalid_params}). */
        NO_SUCH_USER(404, "invalid_params"),
        /** The user exists already (HTTP 409, code {@code invalid_params}). */
        EXISTS(409, "invalid_params");

        private final int status;
        private final String code;

        Reason(int status, String code) {
            this.status = status;
            this.code = code;
        }

        /** @return the HTTP status */
        public int status() {
            return status;
        }

        /** @return the error code from the closed list in PROTOCOL.md */
        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final Duration retryAfter;

    public AuthException(Reason reason, String message) {
        this(reason, message, Duration.ZERO);
    }

    public AuthException(Reason reason, String message, Duration retryAfter) {
        super(message);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** @return why it was refused */
    public Reason reason() {
        return reason;
    }

    /** @return for {@link Reason#THROTTLED}, how long to wait before the next attempt; else zero */
    public Duration retryAfter() {
        return retryAfter;
    }
}
