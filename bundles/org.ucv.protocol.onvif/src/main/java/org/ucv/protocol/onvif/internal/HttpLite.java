package org.ucv.protocol.onvif.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSocket;

import org.ucv.net.Tls;

/**
 * One HTTP/1.1 request and its whole answer on a plain socket ({@code Connection: close}), for SOAP
 * calls and snapshot downloads. Every wait is bounded: connect by the connect timeout, each read by
 * the read timeout, all of it by the {@link Budget}; the body by a byte limit checked while reading
 * (a larger answer is refused, never buffered); and an abort of the budget closes the socket.
 *
 * <p>Why not {@code java.net.http}: on Java 17 its client cannot be closed (its selector thread
 * lives until garbage collection), and a size bound needs a body subscriber anyway. A request here
 * is a few hundred lines of plain, testable code.
 */
public final class HttpLite {
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADER_BYTES = 32 * 1024;

    private HttpLite() {
    }

    /** An answer, read whole. Header names are lower case. */
    public record Response(int status, String reason, Map<String, List<String>> headers, byte[] body) {
        /** @return the first value of a header */
        public Optional<String> header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }

        /** @return every value of a header, in order */
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    /** The answer's body is larger than the limit. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    /** The answer is not HTTP/1.x. */
    public static final class NotHttpException extends IOException {
        private static final long serialVersionUID = 1L;

        NotHttpException(String message) {
            super(message);
        }
    }

    /** How to reach a server. */
    public record Limits(Duration connectTimeout, Duration readTimeout, int maxBody, boolean insecureTls) {
    }

    /**
     * Sends one request and reads the whole answer.
     *
     * @param uri an {@code http} or {@code https} URI (user info, if any, is ignored)
     * @param method e.g. {@code POST}
     * @param headers extra request headers (Host, Connection and Content-Length are added)
     * @param body the request body, or null
     * @param limits timeouts, body limit, TLS trust
     * @param budget the time left and the abort
     * @return the answer
     * @throws IOException on a network failure, a time-out ({@link SocketTimeoutException}), an
     *         answer that is not HTTP or whose body is too large
     */
    public static Response exchange(URI uri, String method, Map<String, String> headers, byte[] body, Limits limits,
                                    Budget budget) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("https");
        if (!tls && !scheme.equals("http")) {
            throw new IOException("not an http or https URL");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IOException("the URL has no host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (budget.expired()) {
            throw new SocketTimeoutException("no time left to connect");
        }
        Socket socket = new Socket();
        try {
            budget.attach(socket);
            socket.connect(new InetSocketAddress(bareHost, port), budget.millisLeft(limits.connectTimeout()));
            socket.setTcpNoDelay(true);
            Socket s = socket;
            if (tls) {
                s = tls(socket, bareHost, port, limits, budget);
            }
            OutputStream out = s.getOutputStream();
            out.write(head(uri, method, host, port, tls, headers, body).getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = new BufferedInputStream(new TimedInput(s, limits.readTimeout(), budget), 16 * 1024);
            return read(in, method, limits.maxBody());
        } catch (IOException e) {
            if (budget.aborted()) {
                throw new IOException("aborted (the source was closed)", e);
            }
            throw e;
        } finally {
            try {
                budget.attach(null);
            } catch (IOException e) {
                // aborted meanwhile: the socket is closed below anyway
            }
            socket.close();
        }
    }

    private static Socket tls(Socket plain, String host, int port, Limits limits, Budget budget) throws IOException {
        SSLSocket ssl = Tls.over(plain, host, port, limits.insecureTls());
        budget.attach(ssl);
        ssl.setSoTimeout(budget.millisLeft(limits.readTimeout()));
        ssl.startHandshake();
        return ssl;
    }

    static String head(URI uri, String method, String host, int port, boolean tls, Map<String, String> headers,
                       byte[] body) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        StringBuilder b = new StringBuilder(256);
        b.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        b.append("Host: ").append(host).append(port == (tls ? 443 : 80) ? "" : ":" + port).append("\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (body != null) {
            b.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return b.append("Connection: close\r\n\r\n").toString();
    }

    /** @return the request target of a URI: path and query */
    public static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    static Response read(InputStream in, String method, int maxBody) throws IOException {
        while (true) {
            String statusLine = line(in);
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new NotHttpException("the answer is not HTTP/1.x");
            }
            String[] parts = statusLine.split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(parts.length > 1 ? parts[1].trim() : "");
            } catch (NumberFormatException e) {
                throw new NotHttpException("the answer's status line is not HTTP");
            }
            Map<String, List<String>> headers = headers(in);
            if (status >= 100 && status < 200) {
                continue; // 100 Continue and friends precede the real answer
            }
            byte[] body = method.equals("HEAD") || status == 204 || status == 304 ? new byte[0]
                    : body(in, headers, maxBody);
            return new Response(status, parts.length > 2 ? parts[2].trim() : "", headers, body);
        }
    }

    private static Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            String line = line(in);
            if (line.isEmpty()) {
                break;
            }
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new TooLargeException("the answer's headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue; // a malformed header line is skipped, as browsers do
            }
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        headers.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(headers);
    }

    private static byte[] body(InputStream in, Map<String, List<String>> headers, int maxBody) throws IOException {
        String te = String.join(",", headers.getOrDefault("transfer-encoding", List.of())).toLowerCase(Locale.ROOT);
        if (te.contains("chunked")) {
            return chunked(in, maxBody);
        }
        List<String> cl = headers.get("content-length");
        if (cl != null && !cl.isEmpty()) {
            long length;
            try {
                length = Long.parseLong(cl.get(0).trim());
            } catch (NumberFormatException e) {
                throw new NotHttpException("the answer's Content-Length is not a number");
            }
            if (length > maxBody) {
                throw new TooLargeException("the answer is " + length + " bytes, more than the " + maxBody + " accepted");
            }
            byte[] b = in.readNBytes((int) Math.max(0, length));
            if (b.length < length) {
                throw new EOFException("the answer ended after " + b.length + " of " + length + " bytes");
            }
            return b;
        }
        return untilEnd(in, maxBody);
    }

    private static byte[] untilEnd(InputStream in, int maxBody) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + n > maxBody) {
                throw new TooLargeException("the answer is larger than the " + maxBody + " bytes accepted");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** RFC 9112 section 7.1: size line (hex, extensions ignored), data, CRLF; then trailers. */
    private static byte[] chunked(InputStream in, int maxBody) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semi = sizeLine.indexOf(';');
            String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new NotHttpException("a chunk size is not hexadecimal");
            }
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers: ignored
                }
                return out.toByteArray();
            }
            if (size < 0 || out.size() + size > maxBody) {
                throw new TooLargeException("the answer is larger than the " + maxBody + " bytes accepted");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new EOFException("the answer ended inside a chunk");
            }
            out.write(chunk);
            line(in); // the CRLF after the data
        }
    }

    /** @return one line without its CR LF (LF alone is accepted), ISO-8859-1 */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (b.size() >= MAX_LINE) {
                throw new TooLargeException("a line of the answer exceeds " + MAX_LINE + " bytes");
            }
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            throw new EOFException("the connection closed before the answer was complete");
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Sets the socket's read timeout to what is left before each read, and stops at the budget's end. */
    private static final class TimedInput extends FilterInputStream {
        private final Socket socket;
        private final Duration readTimeout;
        private final Budget budget;

        TimedInput(Socket socket, Duration readTimeout, Budget budget) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.readTimeout = readTimeout;
            this.budget = budget;
        }

        private void arm() throws IOException {
            if (budget.expired()) {
                throw new SocketTimeoutException("the answer did not come in time");
            }
            socket.setSoTimeout(budget.millisLeft(readTimeout));
        }

        @Override
        public int read() throws IOException {
            arm();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return super.read(b, off, len);
        }
    }

}
