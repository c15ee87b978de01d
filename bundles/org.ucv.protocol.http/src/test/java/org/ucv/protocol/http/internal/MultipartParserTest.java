package org.ucv.protocol.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MultipartParserTest {
    private final List<byte[]> parts = new ArrayList<>();

    /** A small but well-formed-looking JPEG: SOI, payload, EOI. */
    static byte[] jpeg(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        b[size - 2] = (byte) 0xFF;
        b[size - 1] = (byte) 0xD9;
        return b;
    }

    private MultipartParser parser(String boundary, int max) {
        return new MultipartParser(boundary, max, parts::add);
    }

    private static void feedAll(MultipartParser p, byte[] body, int chunk) {
        for (int off = 0; off < body.length; off += chunk) {
            p.feed(body, off, Math.min(chunk, body.length - off));
        }
    }

    private static byte[] cat(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o : pieces) {
            byte[] b = o instanceof byte[] a ? a : o.toString().getBytes(StandardCharsets.ISO_8859_1);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    @Test
    void motionStyleWithContentLengthInAnyChunking() {
        byte[] a = jpeg(4020, 1);
        byte[] b = jpeg(3000, 2);
        byte[] body = cat("--BoundaryString\r\nContent-type: image/jpeg\r\nContent-Length:      4020\r\n\r\n", a,
                "\r\n\r\n--BoundaryString\r\nContent-type: image/jpeg\r\nContent-Length: 3000\r\n\r\n", b, "\r\n\r\n");
        for (int chunk : new int[] {1, 7, 100, 4096, body.length}) {
            parts.clear();
            MultipartParser p = parser("BoundaryString", 1 << 20);
            feedAll(p, body, chunk);
            assertEquals(2, parts.size(), "chunk " + chunk);
            assertArrayEquals(a, parts.get(0));
            assertArrayEquals(b, parts.get(1));
            assertEquals(0, p.garbageBytes());
        }
    }

    @Test
    void withoutContentLengthLfOnlyAndBoundaryDeclaredWithDashes() {
        byte[] a = jpeg(500, 3);
        byte[] b = jpeg(700, 4);
        // Declared "--myboundary" but written "--myboundary" on the wire (no extra dashes).
        byte[] body = cat("--myboundary\nContent-Type: image/jpeg\n\n", a, "\n--myboundary\nContent-Type: image/jpeg\n\n",
                b, "\n--myboundary\n");
        MultipartParser p = parser("--myboundary", 1 << 20);
        feedAll(p, body, 13);
        assertEquals(2, parts.size());
        assertArrayEquals(a, parts.get(0));
        assertArrayEquals(b, parts.get(1));
    }

    @Test
    void rfcStyleExtraDashesQuotedBoundaryAndExtraHeaders() {
        byte[] a = jpeg(300, 5);
        String type = "multipart/x-mixed-replace; boundary=\"--frame\"";
        String boundary = MultipartParser.boundary(type).orElseThrow();
        assertEquals("--frame", boundary);
        byte[] body = cat("----frame\r\nContent-Type: image/jpeg\r\nX-Timestamp: 1234\r\nContent-Length: 300\r\n"
                + "X-Frame-Id: 9\r\n\r\n", a, "\r\n----frame--\r\n");
        feedAll(parser(boundary, 1 << 20), body, 64);
        assertEquals(1, parts.size());
        assertArrayEquals(a, parts.get(0));
    }

    @Test
    void boundaryFromContentType() {
        assertEquals(Optional.of("BoundaryString"),
                MultipartParser.boundary("multipart/x-mixed-replace; boundary=BoundaryString"));
        assertEquals(Optional.of("x"), MultipartParser.boundary("Multipart/X-Mixed-Replace;charset=x;BOUNDARY=x"));
        assertEquals(Optional.empty(), MultipartParser.boundary("text/html; charset=utf-8"));
        assertEquals(Optional.empty(), MultipartParser.boundary("multipart/x-mixed-replace"));
        assertEquals(Optional.empty(), MultipartParser.boundary("multipart/x-mixed-replace; boundary=\"--\""));
        assertEquals(Optional.empty(), MultipartParser.boundary(null));
    }

    @Test
    void garbageBetweenPartsIsSkippedAndCounted() {
        byte[] a = jpeg(200, 6);
        byte[] b = jpeg(250, 7);
        byte[] body = cat("junk before\r\n--b\r\nContent-Length: 200\r\n\r\n", a, "\r\nMORE JUNK xx\r\n--b\r\n\r\n", b,
                "\r\n--b\r\n");
        MultipartParser p = parser("b", 1 << 20);
        feedAll(p, body, 5);
        assertEquals(2, parts.size());
        assertArrayEquals(a, parts.get(0));
        assertArrayEquals(b, parts.get(1));
        assertEquals("junk before".length() + "MORE JUNK xx".length(), p.garbageBytes());
    }

    @Test
    void partCutShortByTheNextBoundaryIsDeliveredAsFarAsItGoesAndTheNextPartKept() {
        byte[] whole = jpeg(1000, 8);
        byte[] cut = Arrays.copyOf(whole, 400);
        byte[] b = jpeg(300, 9);
        byte[] body = cat("--b\r\nContent-Length: 1000\r\n\r\n", cut, "\r\n--b\r\nContent-Length: 300\r\n\r\n", b,
                "\r\n--b\r\nContent-Length: 300\r\n\r\n", b, "\r\n--b\r\n", new byte[1000]);
        MultipartParser p = parser("b", 1 << 20);
        feedAll(p, body, 97);
        assertEquals(1, p.truncated());
        assertEquals(3, parts.size());
        assertArrayEquals(cut, parts.get(0));
        assertArrayEquals(b, parts.get(1));
        assertArrayEquals(b, parts.get(2));
    }

    @Test
    void truncatedAtTheEndDeliversNothing() {
        byte[] body = cat("--b\r\nContent-Length: 1000\r\n\r\n", Arrays.copyOf(jpeg(1000, 1), 10));
        feedAll(parser("b", 1 << 20), body, 3);
        assertTrue(parts.isEmpty());
    }

    @Test
    void oversizePartsWithAndWithoutLengthAreDroppedCountedAndTheBufferStaysBounded() {
        int max = 2048;
        byte[] good = jpeg(1000, 10);
        byte[] big = jpeg(50_000, 11);
        byte[] body = cat("--b\r\nContent-Length: 1000\r\n\r\n", good,
                "\r\n--b\r\nContent-Length: 50000\r\n\r\n", big,
                "\r\n--b\r\n\r\n", big,
                "\r\n--b\r\nContent-Length: 1000\r\n\r\n", good, "\r\n--b\r\n");
        MultipartParser p = parser("b", max);
        feedAll(p, body, 4096);
        assertEquals(2, p.oversize());
        assertEquals(2, parts.size());
        assertArrayEquals(good, parts.get(1));
        assertTrue(p.highWaterMark() <= p.bound(), p.highWaterMark() + " > " + p.bound());
        assertTrue(p.bound() < max + 16 * 1024);
    }

    @Test
    void anEndlessPartNeverGrowsTheBufferPastTheBound() {
        int max = 4096;
        MultipartParser p = parser("b", max);
        byte[] head = "--b\r\nContent-Type: image/jpeg\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        p.feed(head, 0, head.length);
        byte[] noise = new byte[10_000];
        Arrays.fill(noise, (byte) 0x55);
        for (int i = 0; i < 1000; i++) {
            p.feed(noise, 0, noise.length);
        }
        assertEquals(1, p.oversize());
        assertTrue(p.highWaterMark() <= p.bound());
        byte[] good = jpeg(1000, 12);
        byte[] rest = cat("\r\n--b\r\nContent-Length: 1000\r\n\r\n", good, "\r\n--b\r\n");
        p.feed(rest, 0, rest.length);
        assertEquals(1, parts.size());
        assertArrayEquals(good, parts.get(0));
    }

    @Test
    void oversizedHeadersAreGarbage() {
        byte[] good = jpeg(100, 13);
        byte[] body = cat("--b\r\nX: ", "y".repeat(MultipartParser.MAX_HEADER_BYTES + 10), "\r\n\r\n",
                "--b\r\nContent-Length: 100\r\n\r\n", good, "\r\n--b\r\n");
        MultipartParser p = parser("b", 1 << 20);
        feedAll(p, body, 1000);
        assertEquals(1, parts.size());
        assertArrayEquals(good, parts.get(0));
    }

    @Test
    void boundaryTextInsideLinesIsNotABoundary() {
        byte[] body = cat("--b\r\n\r\nxbx\r\n--b\r\n");
        feedAll(parser("b", 1 << 20), body, 2);
        assertEquals(1, parts.size());
        assertEquals("xbx", new String(parts.get(0), StandardCharsets.ISO_8859_1));
    }
}
