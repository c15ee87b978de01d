package org.ucv.api.camera;

import java.util.Map;

/** A camera write that was refused. */
public class CameraWriteException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why it was refused; REST maps these to 400, 404, 409 and 500. */
    public enum Kind {
        /** Field errors: see {@link CameraWriteException#fields()}. */
        INVALID,
        /** No camera with that id. */
        NOT_FOUND,
        /** The id is taken. */
        CONFLICT,
        /** ConfigAdmin failed to store it. */
        STORAGE
    }

    private final Kind kind;
    private final Map<String, String> fields;

    public CameraWriteException(Kind kind, String message, Map<String, String> fields) {
        super(message);
        this.kind = kind;
        this.fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public CameraWriteException(Kind kind, String message) {
        this(kind, message, Map.of());
    }

    /** @return why */
    public Kind kind() {
        return kind;
    }

    /** @return for {@link Kind#INVALID}: field name to message (REST's {@code fields}) */
    public Map<String, String> fields() {
        return fields;
    }
}
