package org.ucv.protocol.http.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A response whose body is read straight from the socket. Closing it closes the connection.
 *
 * @param status the status code
 * @param reason the reason phrase
 * @param headers header values by lower-case name
 * @param body the body (chunked decoding and Content-Length applied)
 * @param connection what closes the socket
 */
public record HttpResponse(int status, String reason, Map<String, List<String>> headers, InputStream body,
                           Closeable connection) implements Closeable {

    /**
     * @param name a header name, any case
     * @return its first value
     */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /**
     * @param name a header name, any case
     * @return every value, in order
     */
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** @return the Content-Length, or -1 */
    public long contentLength() {
        try {
            return header("Content-Length").map(v -> Long.parseLong(v.trim())).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
