package org.ucv.protocol.http.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The body of a {@code Transfer-Encoding: chunked} response (RFC 9112 section 7.1). */
final class ChunkedInputStream extends InputStream {
    private static final int MAX_LINE = 1024;

    private final InputStream in;
    private long left;
    private boolean done;
    private boolean first = true;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (left == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("the connection ended inside a chunk");
        }
        left -= n;
        return n;
    }

    private boolean nextChunk() throws IOException {
        if (done) {
            return false;
        }
        if (!first) {
            readLine(); // the CRLF after the previous chunk's data
        }
        first = false;
        String line = readLine();
        int semi = line.indexOf(';');
        String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
        try {
            left = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size line '" + line + "'");
        }
        if (left < 0) {
            throw new IOException("bad chunk size line '" + line + "'");
        }
        if (left == 0) {
            done = true;
            while (!readLine().isEmpty()) {
                // trailer fields: not used
            }
            return false;
        }
        return true;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the connection ended inside a chunk header");
            }
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new IOException("chunk header line longer than " + MAX_LINE + " bytes");
            }
            sb.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
