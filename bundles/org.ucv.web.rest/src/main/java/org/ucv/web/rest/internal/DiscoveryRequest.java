package org.ucv.web.rest.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/discovery} body, every field optional: {@code timeout_ms} (how long providers
 * listen) and {@code host} (only cameras at this address are answered).
 *
 * @param timeout how long providers listen
 * @param host the address to keep, or null for all
 */
public record DiscoveryRequest(Duration timeout, String host) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    private static final long MIN_MS = 100;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]{1,253}");

    /**
     * @param body the request's JSON object (empty when the request had no body)
     * @param max the longest timeout allowed
     * @return the request
     * @throws ApiException {@code invalid_params} naming the field at fault
     */
    public static DiscoveryRequest parse(ObjectNode body, Duration max) throws ApiException {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!f.equals("timeout_ms") && !f.equals("host")) {
                errors.put(Router.safe(f), "is not a discovery field (fields: timeout_ms, host)");
            }
        }
        Duration timeout = DEFAULT_TIMEOUT.compareTo(max) > 0 ? max : DEFAULT_TIMEOUT;
        JsonNode t = body.get("timeout_ms");
        if (t != null && !t.isNull()) {
            if (!t.isIntegralNumber() || !t.canConvertToLong() || t.longValue() < MIN_MS || t.longValue() > max.toMillis()) {
                errors.put("timeout_ms", "must be a whole number of milliseconds from " + MIN_MS + " to " + max.toMillis());
            } else {
                timeout = Duration.ofMillis(t.longValue());
            }
        }
        String host = null;
        JsonNode h = body.get("host");
        if (h != null && !h.isNull()) {
            if (!h.isTextual() || !HOST.matcher(h.textValue().trim()).matches()) {
                errors.put("host", "must be a host name or an IP address");
            } else {
                host = h.textValue().trim();
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new DiscoveryRequest(timeout, host);
    }
}
