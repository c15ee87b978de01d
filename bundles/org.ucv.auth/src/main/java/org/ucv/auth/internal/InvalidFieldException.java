package org.ucv.auth.internal;

import org.ucv.api.auth.AuthException;

/** {@link AuthException.Reason#INVALID} naming the request field at fault, for the error's {@code fields}. */
public final class InvalidFieldException extends AuthException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /**
     * @param field the JSON field, e.g. {@code password}
     * @param problem what is wrong, e.g. {@code must be 8 to 1024 characters}
     */
    public InvalidFieldException(String field, String problem) {
        super(Reason.INVALID, field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
