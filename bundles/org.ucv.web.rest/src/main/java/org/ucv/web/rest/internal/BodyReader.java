package org.ucv.web.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import org.ucv.api.spi.ErrorCode;

/**
 * Reads a request body with a bound. A declared {@code Content-Length} above the limit is refused
 * before a byte is read; a body without one (chunked) or one that lies is counted while read and
 * refused as soon as it passes the limit, so no more than the limit is ever held.
 */
public final class BodyReader {
    private static final int CHUNK = 8192;

    private BodyReader() {
    }

    /**
     * @param in the body
     * @param contentLength the declared length, or -1 when none was declared
     * @param limit the most bytes accepted
     * @return the body
     * @throws ApiException 413 when it is larger than the limit; 400 when the client broke off
     */
    public static byte[] read(InputStream in, long contentLength, int limit) throws ApiException {
        if (contentLength > limit) {
            throw tooLarge(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(contentLength > 0 ? (int) contentLength : 256);
        byte[] buf = new byte[CHUNK];
        try {
            int n;
            while ((n = in.read(buf, 0, (int) Math.min(buf.length, limit + 1L - out.size()))) > 0) {
                out.write(buf, 0, n);
                if (out.size() > limit) {
                    throw tooLarge(limit);
                }
            }
        } catch (IOException e) {
            throw ApiException.invalidJson("the request body could not be read (" + e.getClass().getSimpleName() + ")");
        }
        return out.toByteArray();
    }

    /**
     * Reads and throws away what is left of a refused body, up to {@code max} bytes. A client that
     * did not ask {@code Expect: 100-continue} is still sending when the 413 is ready; if the server
     * closed the connection on it, the client would see a reset instead of the answer. Nothing read
     * here is kept, so this costs bandwidth, never memory; past {@code max} the connection is given up.
     *
     * @return whether the whole body was read
     */
    public static boolean drain(InputStream in, long max) {
        byte[] buf = new byte[CHUNK];
        long total = 0;
        try {
            int n;
            while (total <= max && (n = in.read(buf)) > 0) {
                total += n;
            }
            return total <= max;
        } catch (IOException e) {
            return false;
        }
    }

    static ApiException tooLarge(int limit) {
        return new ApiException(413, ErrorCode.INVALID_PARAMS, "the request body is larger than " + human(limit)
                + "; nothing was stored");
    }

    private static String human(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
