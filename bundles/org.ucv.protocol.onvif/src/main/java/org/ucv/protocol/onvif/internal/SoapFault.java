package org.ucv.protocol.onvif.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.w3c.dom.Element;

/**
 * A SOAP fault as a device sends it: its code ({@code Sender} or {@code Receiver}), its subcodes
 * from the outermost in (e.g. {@code ter:InvalidArgVal}, {@code ter:NoProfile}) and its reason.
 *
 * @param code the fault code as written, e.g. {@code env:Sender}
 * @param subcodes the nested subcode values as written, outermost first
 * @param reason the reason text (the first one), or empty
 */
public record SoapFault(String code, List<String> subcodes, String reason) {
    /** Subcodes (local part) that mean the credentials were refused: ONVIF's and WS-Security's. */
    private static final Set<String> AUTH_SUBCODES = Set.of("NotAuthorized", "FailedAuthentication",
            "InvalidSecurity", "InvalidSecurityToken", "FailedCheck", "SecurityTokenUnavailable",
            "UnsupportedSecurityToken", "MessageExpired", "Unauthorized", "AuthorizationFailed");

    public SoapFault {
        subcodes = List.copyOf(subcodes);
        reason = reason == null ? "" : reason;
    }

    /**
     * @param body the SOAP Body element
     * @return its fault, if the body holds one (SOAP 1.2, or the SOAP 1.1 form a few devices send)
     */
    public static Optional<SoapFault> of(Element body) {
        Optional<Element> fault = SafeXml.child(body, "Fault");
        if (fault.isEmpty()) {
            return Optional.empty();
        }
        Element f = fault.get();
        Optional<String> code = SafeXml.text(f, "Code", "Value");
        if (code.isEmpty()) {
            // SOAP 1.1: faultcode / faultstring
            return Optional.of(new SoapFault(SafeXml.text(f, "faultcode").orElse("Fault"), List.of(),
                    SafeXml.text(f, "faultstring").orElse("")));
        }
        List<String> subcodes = new ArrayList<>();
        Optional<Element> sub = SafeXml.child(f, "Code", "Subcode");
        for (int depth = 0; sub.isPresent() && depth < 8; depth++) {
            SafeXml.text(sub.get(), "Value").ifPresent(subcodes::add);
            sub = SafeXml.child(sub.get(), "Subcode");
        }
        String reason = SafeXml.text(f, "Reason", "Text").orElse("");
        return Optional.of(new SoapFault(code.get(), subcodes, reason));
    }

    /**
     * @param localPart a subcode without its prefix, e.g. {@code NoProfile}
     * @return true when one of the subcodes (or the code) is that one
     */
    public boolean has(String localPart) {
        if (local(code).equals(localPart)) {
            return true;
        }
        return subcodes.stream().anyMatch(s -> local(s).equals(localPart));
    }

    /** @return true when the device refused the credentials */
    public boolean isAuthFailure() {
        return AUTH_SUBCODES.stream().anyMatch(this::has);
    }

    /** @return true for a {@code Sender} fault: the request was wrong, not the device */
    public boolean isSender() {
        return local(code).equalsIgnoreCase("Sender") || local(code).equalsIgnoreCase("Client");
    }

    private static String local(String qname) {
        int colon = qname.lastIndexOf(':');
        return colon < 0 ? qname : qname.substring(colon + 1);
    }

    /** e.g. {@code env:Sender/ter:InvalidArgVal/ter:NoProfile: "No such profile"}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(code);
        subcodes.forEach(s -> b.append('/').append(s));
        if (!reason.isEmpty()) {
            b.append(": \"").append(reason).append('"');
        }
        return b.toString();
    }
}
