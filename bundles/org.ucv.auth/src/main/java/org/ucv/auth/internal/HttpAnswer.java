package org.ucv.auth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an endpoint answers, independent of the servlet API.
 *
 * @param status the HTTP status
 * @param headers headers in order (a name may repeat, e.g. Set-Cookie)
 * @param json the JSON body, or null for none
 */
public record HttpAnswer(int status, List<Map.Entry<String, String>> headers, String json) {
    public HttpAnswer {
        headers = List.copyOf(headers);
    }

    static HttpAnswer json(int status, String json) {
        return new HttpAnswer(status, List.of(), json);
    }

    static HttpAnswer empty(int status) {
        return new HttpAnswer(status, List.of(), null);
    }

    /** @return a copy with one more header */
    HttpAnswer with(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new HttpAnswer(status, more, json);
    }

    /** @return the first value of a header, or null */
    public String header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst()
                .orElse(null);
    }
}
