package org.ucv.itests.onvif;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server, one request per connection, written for the device double instead of
 * the JDK's {@code HttpServer} because cameras' clients are picky in ways real cameras satisfy:
 * libonvif (onvif-util) looks for the exact header {@code Content-Length: } (the JDK writes
 * {@code Content-length}) and reads the status line and headers in one {@code recv}, so a response
 * goes out in one write, headers and body together.
 */
final class MiniHttp implements AutoCloseable {
    /** A request as read; header names lower case. */
    record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A response to write; {@code headers} are extra ones, in order. */
    record Response(int status, String type, byte[] body, Map<String, String> headers) {
        Response(int status, String type, byte[] body) {
            this(status, type, body, Map.of());
        }

        static Response text(int status, String text) {
            return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    interface Handler {
        Response handle(Request request) throws IOException;
    }

    private static final int MAX_HEADER = 16 * 1024;
    private static final int MAX_BODY = 1 << 20;
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final ServerSocket server;
    private final Handler handler;
    private final ExecutorService workers;
    private final Thread acceptor;

    MiniHttp(InetSocketAddress address, String name, Handler handler) throws IOException {
        this.handler = handler;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address, 50);
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, name + "-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::accept, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        workers.shutdownNow();
        try {
            acceptor.join(5000);
            if (!workers.awaitTermination(5, TimeUnit.SECONDS) || acceptor.isAlive()) {
                throw new AssertionError("HTTP threads of the ONVIF double did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                workers.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            InputStream in = socket.getInputStream();
            Response response;
            Request request = null;
            try {
                request = read(in);
                response = request == null ? null : handler.handle(request);
            } catch (BadRequest e) {
                response = Response.text(e.status, e.getMessage());
            }
            if (response != null) {
                write(socket.getOutputStream(), response, request != null && request.method().equals("HEAD"));
            }
        } catch (SocketException e) {
            // the client went away
        } catch (IOException | RuntimeException e) {
            System.err.println("ONVIF double HTTP: " + e);
        }
    }

    private static Request read(InputStream in) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return null;
        }
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            throw new BadRequest(400, "bad request line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new BadRequest(400, "bad header line");
            }
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body;
        String length = headers.get("content-length");
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked(in);
        } else if (length != null) {
            long n;
            try {
                n = Long.parseLong(length);
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "bad Content-Length");
            }
            if (n < 0 || n > MAX_BODY) {
                throw new BadRequest(413, "request body too large");
            }
            body = in.readNBytes((int) n);
            if (body.length != n) {
                throw new BadRequest(400, "body shorter than Content-Length");
            }
        } else {
            body = new byte[0];
        }
        String target = requestLine[1];
        int q = target.indexOf('?');
        return new Request(requestLine[0], q < 0 ? target : target.substring(0, q), q < 0 ? "" : target.substring(q + 1),
                headers, body);
    }

    /** @return the request line and headers without the blank line, or null when the client sent nothing */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new BadRequest(400, "headers cut short");
            }
            head.write(b);
            if (head.size() > MAX_HEADER) {
                throw new BadRequest(431, "headers too large");
            }
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                byte[] bytes = head.toByteArray();
                return new String(bytes, 0, bytes.length - 4, StandardCharsets.ISO_8859_1);
            }
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "bad chunk size");
            }
            if (size < 0 || body.size() + size > MAX_BODY) {
                throw new BadRequest(413, "request body too large");
            }
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers: none used
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new BadRequest(400, "chunk cut short");
            }
            body.writeBytes(chunk);
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || line.length() > MAX_HEADER) {
                throw new BadRequest(400, "line cut short");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void write(OutputStream out, Response response, boolean head) throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append("\r\n")
                .append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n")
                .append("Server: UCV-ONVIF-Double\r\n")
                .append("Content-Type: ").append(response.type()).append("\r\n")
                .append("Content-Length: ").append(response.body().length).append("\r\n");
        response.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            all.writeBytes(response.body());
        }
        out.write(all.toByteArray());
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 431 -> "Request Header Fields Too Large";
            default -> "Internal Server Error";
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static final class BadRequest extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
