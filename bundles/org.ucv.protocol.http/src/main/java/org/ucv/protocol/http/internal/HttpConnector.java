package org.ucv.protocol.http.internal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import org.ucv.net.Tls;

/**
 * A minimal HTTP/1.1 GET over a plain socket (or TLS over it), one request per connection.
 *
 * <p>Why not {@code java.net.http} or {@code HttpURLConnection}: the first has no read timeout on
 * a streaming body, and the second's streams lock so that closing one from another thread waits
 * for a blocked read. Here the socket has a read timeout ({@code SO_TIMEOUT}), and
 * {@link #close()} from any thread closes the TCP socket at once, which ends a blocked read.
 */
public final class HttpConnector implements Closeable {
    private static final int MAX_HEADER_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 100;
    private static final String USER_AGENT = "UCV/0.1";

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final boolean insecureTls;
    private final Object lock = new Object();
    private Socket current;
    private boolean closed;

    /**
     * @param connectTimeoutMillis TCP connect and TLS handshake bound
     * @param readTimeoutMillis the longest silence on any read
     * @param insecureTls accept any certificate and host name (self-signed cameras)
     */
    public HttpConnector(int connectTimeoutMillis, int readTimeoutMillis, boolean insecureTls) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
        this.insecureTls = insecureTls;
    }

    /**
     * Sends one GET and reads the status and headers. The caller closes the response.
     *
     * @param target where
     * @param authorization the Authorization header value, or null
     * @return the response, its body unread
     * @throws IOException on a network failure, a timeout, or after {@link #close()}
     */
    public HttpResponse get(HttpTarget target, String authorization) throws IOException {
        Socket plain = new Socket();
        register(plain);
        try {
            InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
            if (address.isUnresolved()) {
                throw new UnknownHostException("unknown host " + target.host());
            }
            plain.connect(address, connectTimeoutMillis);
            plain.setTcpNoDelay(true);
            Socket socket = plain;
            if (target.tls()) {
                plain.setSoTimeout(connectTimeoutMillis);
                socket = tls(plain, target.host(), target.port());
            }
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request(target, authorization).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new NotHttpException("the answer is not HTTP: '" + printable(statusLine) + "'");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new NotHttpException("bad HTTP status line '" + printable(statusLine) + "'");
            }
            Map<String, List<String>> headers = headers(in);
            InputStream body = body(in, headers);
            Socket toClose = plain;
            return new HttpResponse(status, parts.length > 2 ? parts[2] : "", headers, body, () -> close(toClose));
        } catch (IOException | RuntimeException e) {
            close(plain);
            throw e;
        }
    }

    /** Closes the connection in use, from any thread; later {@link #get} calls fail. Idempotent. */
    @Override
    public void close() {
        Socket s;
        synchronized (lock) {
            closed = true;
            s = current;
        }
        quietly(s);
    }

    private void register(Socket s) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IOException("closed");
            }
            current = s;
        }
    }

    private void close(Socket s) {
        synchronized (lock) {
            if (current == s) {
                current = null;
            }
        }
        quietly(s);
    }

    private static void quietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing a socket we are done with: nothing to report
            }
        }
    }

    /** TLS layered over the connected socket, so that closing the plain socket ends it at once. */
    private Socket tls(Socket plain, String host, int port) throws IOException {
        SSLSocket ssl = Tls.over(plain, host, port, insecureTls);
        ssl.startHandshake();
        return ssl;
    }

    private static String request(HttpTarget target, String authorization) {
        StringBuilder r = new StringBuilder("GET ").append(target.requestTarget()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.hostHeader()).append("\r\n")
                .append("User-Agent: ").append(USER_AGENT).append("\r\n")
                .append("Accept: */*\r\n")
                .append("Connection: close\r\n");
        if (authorization != null) {
            r.append("Authorization: ").append(authorization).append("\r\n");
        }
        return r.append("\r\n").toString();
    }

    private static Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String last = null;
        for (int n = 0; ; n++) {
            String line = line(in);
            if (line.isEmpty()) {
                return headers;
            }
            if (n >= MAX_HEADERS) {
                throw new NotHttpException("more than " + MAX_HEADERS + " header lines");
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                // obsolete line folding (WWW-Authenticate of some cameras): part of the previous value
                List<String> values = headers.get(last);
                values.set(values.size() - 1, values.get(values.size() - 1) + " " + line.trim());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            last = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(last, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
    }

    private static InputStream body(InputStream in, Map<String, List<String>> headers) {
        List<String> te = headers.get("transfer-encoding");
        if (te != null && te.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            return new ChunkedInputStream(in);
        }
        List<String> cl = headers.get("content-length");
        if (cl != null) {
            try {
                return new LimitedInputStream(in, Long.parseLong(cl.get(0).trim()));
            } catch (NumberFormatException e) {
                return in; // unusable length: read until the connection ends
            }
        }
        return in;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException(sb.length() == 0 ? "the connection closed without an answer"
                        : "the connection closed inside the response headers");
            }
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() >= MAX_HEADER_LINE) {
                throw new NotHttpException("a response header line is longer than " + MAX_HEADER_LINE + " bytes");
            }
            sb.append((char) c);
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** The peer answered, but not with HTTP. */
    public static final class NotHttpException extends IOException {
        private static final long serialVersionUID = 1L;

        NotHttpException(String message) {
            super(message);
        }
    }

    /** A body of a known length. */
    private static final class LimitedInputStream extends FilterInputStream {
        private long left;

        LimitedInputStream(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                left--;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

}
