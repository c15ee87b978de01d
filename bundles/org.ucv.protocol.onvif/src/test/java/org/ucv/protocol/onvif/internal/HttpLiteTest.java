package org.ucv.protocol.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HttpLiteTest {
    private static HttpLite.Response read(String raw, int max) throws IOException {
        return HttpLite.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)), "POST", max);
    }

    @Test
    void contentLengthChunkedAndUntilClose() throws IOException {
        HttpLite.Response r = read("HTTP/1.1 200 OK\r\nContent-Type: a/b\r\nContent-Length: 5\r\n\r\nhelloEXTRA", 100);
        assertEquals(200, r.status());
        assertEquals("hello", new String(r.body(), StandardCharsets.US_ASCII));
        assertEquals("a/b", r.header("content-type").orElseThrow());
        r = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 500 Internal\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;ext=1\r\nwiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n", 100);
        assertEquals(500, r.status());
        assertEquals("wikipedia", new String(r.body(), StandardCharsets.US_ASCII));
        r = read("HTTP/1.0 200 OK\nX: 1\nX: 2\n\nto the end", 100);
        assertEquals("to the end", new String(r.body(), StandardCharsets.US_ASCII));
        assertEquals(2, r.headers("x").size());
    }

    @Test
    void boundsAndGarbage() {
        assertThrows(HttpLite.TooLargeException.class, () -> read("HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n", 100));
        assertThrows(HttpLite.TooLargeException.class,
                () -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n" + "x".repeat(101), 100));
        assertThrows(HttpLite.TooLargeException.class, () -> read("HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(101), 100));
        assertThrows(HttpLite.NotHttpException.class, () -> read("SSH-2.0-OpenSSH\r\n", 100));
        assertThrows(EOFException.class, () -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 100));
        assertThrows(HttpLite.TooLargeException.class, () -> read("HTTP/1.1 200 OK\r\nX: " + "y".repeat(9000), 100));
    }

    @Test
    void requestHead() {
        String head = HttpLite.head(URI.create("http://u:p@[::1]:8080/onvif/device_service?a=b"), "POST", "[::1]", 8080,
                false, Map.of("Content-Type", Soap.CONTENT_TYPE), new byte[3]);
        assertEquals("POST /onvif/device_service?a=b HTTP/1.1\r\nHost: [::1]:8080\r\nContent-Type: "
                + "application/soap+xml; charset=utf-8\r\nContent-Length: 3\r\nConnection: close\r\n\r\n", head);
    }

    @Test
    void overTheNetworkAndAbortedWhileWaiting() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    byte[] buf = new byte[4096];
                    s.getInputStream().read(buf);
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            t.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/x");
            HttpLite.Limits limits = new HttpLite.Limits(Duration.ofSeconds(2), Duration.ofSeconds(2), 1000, false);
            HttpLite.Response r = HttpLite.exchange(uri, "POST", Map.of(), new byte[] {1}, limits, Budget.of(Duration.ofSeconds(5)));
            assertArrayEquals("ok".getBytes(StandardCharsets.US_ASCII), r.body());
            t.join(2000);

            // nobody answers now: the read waits until the budget is aborted from another thread
            Budget budget = Budget.of(Duration.ofSeconds(30));
            Thread aborter = new Thread(() -> {
                try (Socket s = server.accept()) {
                    budget.abort(); // the client is connected and waiting for an answer
                    s.getInputStream().read(new byte[4096]);
                } catch (IOException e) {
                    // closed by the abort
                }
            });
            aborter.start();
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> HttpLite.exchange(uri, "GET", Map.of(), null,
                    new HttpLite.Limits(Duration.ofSeconds(2), Duration.ofSeconds(30), 1000, false), budget));
            assertTrue(e.getMessage().contains("aborted"), e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
            aborter.join(2000);

            // and a silent server times out at the read timeout
            Thread silent = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getInputStream().read(new byte[4096]);
                } catch (IOException ignored) {
                    // the client gave up
                }
            });
            silent.start();
            assertThrows(SocketTimeoutException.class, () -> HttpLite.exchange(uri, "GET", Map.of(), null,
                    new HttpLite.Limits(Duration.ofSeconds(2), Duration.ofMillis(300), 1000, false),
                    Budget.of(Duration.ofSeconds(5))));
            silent.join(2000);
        }
    }
}
