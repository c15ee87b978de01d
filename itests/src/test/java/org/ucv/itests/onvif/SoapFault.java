package org.ucv.itests.onvif;

import java.util.List;

/**
 * A SOAP 1.2 Fault the double answers, with the ONVIF subcodes ({@code ter:...}) and the HTTP
 * status the SOAP 1.2 HTTP binding gives it: 400 for a Sender fault, 500 for a Receiver fault.
 */
final class SoapFault extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean sender;
    private final List<String> subcodes;
    private final String reason;

    SoapFault(boolean sender, String reason, String... subcodes) {
        super(reason);
        this.sender = sender;
        this.subcodes = List.of(subcodes);
        this.reason = reason;
    }

    static SoapFault notAuthorized() {
        return new SoapFault(true, "Sender not Authorized", "ter:NotAuthorized");
    }

    static SoapFault invalidArg(String detail, String subcode) {
        return new SoapFault(true, detail, "ter:InvalidArgVal", subcode);
    }

    static SoapFault actionNotSupported(String operation) {
        return new SoapFault(false, "Optional Action Not Implemented: " + operation, "ter:ActionNotSupported");
    }

    int httpStatus() {
        return sender ? 400 : 500;
    }

    String subcode() {
        return subcodes.isEmpty() ? "" : subcodes.get(subcodes.size() - 1);
    }

    /** @param reasonXml the reason text, already escaped (an XXE test puts an entity reference there) */
    String body(String reasonXml) {
        StringBuilder codes = new StringBuilder();
        for (String s : subcodes) {
            codes.append("<s:Subcode><s:Value>").append(s).append("</s:Value>");
        }
        codes.append("</s:Subcode>".repeat(subcodes.size()));
        return "<s:Fault><s:Code><s:Value>" + (sender ? "s:Sender" : "s:Receiver") + "</s:Value>" + codes
                + "</s:Code><s:Reason><s:Text xml:lang=\"en\">" + reasonXml + "</s:Text></s:Reason></s:Fault>";
    }

    String reason() {
        return reason;
    }
}
