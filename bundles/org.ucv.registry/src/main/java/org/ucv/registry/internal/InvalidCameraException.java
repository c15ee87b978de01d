package org.ucv.registry.internal;

/** A camera configuration that cannot be used, naming the property at fault. */
final class InvalidCameraException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String cameraId;
    private final String field;

    /**
     * @param cameraId the id the configuration claims, or null when it has none (or a bad one)
     * @param field the property at fault
     * @param problem what is wrong with it, never quoting a password
     */
    InvalidCameraException(String cameraId, String field, String problem) {
        super("property '" + field + "' " + problem);
        this.cameraId = cameraId;
        this.field = field;
    }

    String cameraId() {
        return cameraId;
    }

    String field() {
        return field;
    }
}
