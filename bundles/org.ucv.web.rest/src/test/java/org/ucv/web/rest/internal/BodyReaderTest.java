package org.ucv.web.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class BodyReaderTest {
    /** An endless body that counts what was read from it. */
    static final class Endless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            read += len;
            return len;
        }
    }

    @Test
    void aBodyUpToTheLimitIsRead() throws Exception {
        byte[] body = new byte[1024];
        assertArrayEquals(body, BodyReader.read(new ByteArrayInputStream(body), 1024, 1024));
        assertArrayEquals(body, BodyReader.read(new ByteArrayInputStream(body), -1, 1024));
        assertEquals(0, BodyReader.read(new ByteArrayInputStream(new byte[0]), 0, 1024).length);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUnread() {
        Endless in = new Endless();
        ApiException e = assertThrows(ApiException.class, () -> BodyReader.read(in, 10L * 1024 * 1024, 1024 * 1024));
        assertEquals(413, e.status());
        assertTrue(e.getMessage().contains("1 MiB"), e.getMessage());
        assertEquals(0, in.read);
    }

    @Test
    void anUndeclaredOrFalseLengthIsCountedAndCutJustPastTheLimit() {
        Endless chunked = new Endless();
        assertEquals(413, assertThrows(ApiException.class, () -> BodyReader.read(chunked, -1, 1000)).status());
        assertEquals(1001, chunked.read, "no more than the limit and one byte is read");
        Endless lying = new Endless();
        assertEquals(413, assertThrows(ApiException.class, () -> BodyReader.read(lying, 10, 1000)).status());
    }

    @Test
    void aBrokenBodyIsABadRequest() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("reset");
            }
        };
        assertEquals(400, assertThrows(ApiException.class, () -> BodyReader.read(broken, -1, 10)).status());
    }

    @Test
    void drainReadsOffARefusedBodyUpToItsBound() {
        assertTrue(BodyReader.drain(new ByteArrayInputStream(new byte[100_000]), 100_000));
        ByteArrayInputStream endless = new ByteArrayInputStream(new byte[300_000]);
        assertFalse(BodyReader.drain(endless, 100_000), "past the bound it gives up");
        assertTrue(endless.available() > 0, "and stops reading");
    }
}
