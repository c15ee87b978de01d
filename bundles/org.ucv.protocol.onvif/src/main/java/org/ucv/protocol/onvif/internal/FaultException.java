package org.ucv.protocol.onvif.internal;

import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.SourceException;

/** A request the device answered with a SOAP fault; the fault is kept for callers that react to it. */
public final class FaultException extends SourceException {
    private static final long serialVersionUID = 1L;
    private final transient SoapFault fault;

    FaultException(ErrorCode code, String message, SoapFault fault) {
        super(code, message);
        this.fault = fault;
    }

    /** @return the device's fault */
    public SoapFault fault() {
        return fault;
    }

    /**
     * The code of the closed list a fault maps to when nothing more specific applies.
     *
     * @param fault the fault
     * @return {@code auth_failed} for refused credentials, {@code invalid_params} for other
     *         {@code Sender} faults (a token or value the device does not know) and for an
     *         operation the device does not support, else
     *         {@code camera_unreachable} (the device failed to serve the request)
     */
    static ErrorCode codeOf(SoapFault fault) {
        if (fault.isAuthFailure()) {
            return ErrorCode.AUTH_FAILED;
        }
        if (fault.has("ActionNotSupported") || fault.has("NotSupported")) {
            return ErrorCode.INVALID_PARAMS; // the configuration asks for something this device lacks
        }
        return fault.isSender() ? ErrorCode.INVALID_PARAMS : ErrorCode.CAMERA_UNREACHABLE;
    }
}
