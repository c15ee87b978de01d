package org.ucv.protocol.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Splits a {@code multipart/x-mixed-replace} body into its parts, fed with bytes as they arrive.
 *
 * <p>Tolerant of what cameras send: the boundary declared with or without leading dashes (and
 * found on the wire with or without them), parts with or without {@code Content-Length}, CRLF or
 * LF line ends, extra headers, garbage between parts. A part cut short by the next boundary before
 * its {@code Content-Length} is delivered as far as it goes and counted in {@link #truncated()}
 * (its consumer finds out whether the picture is whole); the next part is not lost.
 *
 * <p>Memory is bounded: the buffer never holds more than {@link #bound()} bytes. A part larger
 * than {@code maxPartBytes} is skipped without being buffered (counted in {@link #oversize()}),
 * and the buffer's largest fill is kept in {@link #highWaterMark()}. Not thread-safe: one reader.
 */
public final class MultipartParser {
    /** Headers of one part longer than this are garbage, not headers. */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** A boundary line longer than this is garbage. */
    private static final int MAX_BOUNDARY_LINE = 256;

    private enum State { SEEK, HEADERS, BODY_LENGTH, BODY_SCAN, SKIP }

    private final byte[] delimiter;
    private final int maxPartBytes;
    private final int bound;
    private final Consumer<byte[]> onPart;

    private byte[] buf = new byte[64 * 1024];
    private int start;
    private int end;
    private State state = State.SEEK;
    private int contentLength;
    /** Until the first boundary, a boundary at the very start of the body needs no dashes. */
    private boolean beginning = true;
    /** In BODY_SCAN, where the search for the next boundary resumes. */
    private int scanFrom;

    private long parts;
    private long oversize;
    private long truncated;
    private long garbageBytes;
    private int highWaterMark;

    /**
     * @param boundary the {@code boundary} parameter of the Content-Type, unquoted; leading dashes
     *        are ignored (cameras disagree on them)
     * @param maxPartBytes the largest part delivered
     * @param onPart receives each complete part's body (a fresh array of exactly its length)
     */
    public MultipartParser(String boundary, int maxPartBytes, Consumer<byte[]> onPart) {
        String core = boundary.replaceFirst("^-+", "");
        if (core.isEmpty()) {
            throw new IllegalArgumentException("empty multipart boundary");
        }
        this.delimiter = core.getBytes(StandardCharsets.ISO_8859_1);
        this.maxPartBytes = maxPartBytes;
        this.bound = maxPartBytes + MAX_HEADER_BYTES + MAX_BOUNDARY_LINE;
        this.onPart = onPart;
    }

    /**
     * @param contentType a response's Content-Type
     * @return the boundary when it is a multipart type with one
     */
    public static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        for (String param : contentType.split(";")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String v = param.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.replaceFirst("^-+", "").isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * Takes the next bytes of the body; calls the part consumer for every part they complete.
     *
     * @param b the bytes
     * @param off where they start
     * @param len how many
     */
    public void feed(byte[] b, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, bound - (end - start));
            append(b, off, n);
            off += n;
            len -= n;
            process();
        }
    }

    /** @return parts delivered */
    public long parts() { return parts; }

    /** @return parts dropped because they were larger than {@code maxPartBytes} */
    public long oversize() { return oversize; }

    /** @return parts dropped because the next boundary came before their Content-Length was reached */
    public long truncated() { return truncated; }

    /** @return bytes skipped outside any part (line breaks between parts not counted) */
    public long garbageBytes() { return garbageBytes; }

    /** @return the most bytes the buffer has held */
    public int highWaterMark() { return highWaterMark; }

    /** @return the most bytes the buffer may ever hold */
    public int bound() { return bound; }

    private void append(byte[] b, int off, int n) {
        if (end + n > buf.length) {
            int live = end - start;
            if (live + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.min(bound, Math.max(buf.length * 2, live + n)));
            }
            System.arraycopy(buf, start, buf, 0, live);
            start = 0;
            end = live;
            if (end + n > buf.length) {
                byte[] grown = new byte[Math.min(bound, Math.max(buf.length * 2, end + n))];
                System.arraycopy(buf, 0, grown, 0, end);
                buf = grown;
            }
        }
        System.arraycopy(b, off, buf, end, n);
        end += n;
        highWaterMark = Math.max(highWaterMark, end - start);
    }

    private void process() {
        boolean progress = true;
        while (progress) {
            progress = switch (state) {
                case SEEK -> seek();
                case HEADERS -> headers();
                case BODY_LENGTH -> bodyLength();
                case BODY_SCAN -> bodyScan();
                case SKIP -> skip();
            };
        }
    }

    /** Looks for a boundary line; everything before it is garbage. */
    private boolean seek() {
        int at = findDelimiter(start);
        if (at < 0) {
            discardKeepingTail(true);
            return false;
        }
        int lineStart = dashesBefore(at);
        countGarbage(start, lineStart);
        int lf = indexOf((byte) '\n', at + delimiter.length, end);
        if (lf < 0) {
            start = lineStart;
            if (end - at > MAX_BOUNDARY_LINE) {
                start = at + delimiter.length; // not a boundary line after all
                return true;
            }
            return false;
        }
        start = lf + 1;
        beginning = false;
        boolean closing = lf - (at + delimiter.length) >= 2 && buf[at + delimiter.length] == '-'
                && buf[at + delimiter.length + 1] == '-';
        // The close delimiter ends the body; a camera that goes on anyway gets its next part read.
        state = closing ? State.SEEK : State.HEADERS;
        return true;
    }

    private boolean headers() {
        int contentLen = -1;
        int pos = start;
        while (true) {
            int lf = indexOf((byte) '\n', pos, end);
            if (lf < 0) {
                if (end - start > MAX_HEADER_BYTES) {
                    garbageBytes += end - start;
                    state = State.SEEK;
                    return true;
                }
                return false;
            }
            int lineEnd = lf > pos && buf[lf - 1] == '\r' ? lf - 1 : lf;
            if (lineEnd == pos) {
                start = lf + 1;
                break;
            }
            String line = new String(buf, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                try {
                    contentLen = Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    contentLen = -1; // unusable: find the end by the next boundary instead
                }
            }
            pos = lf + 1;
            if (pos - start > MAX_HEADER_BYTES) {
                garbageBytes += pos - start;
                start = pos;
                state = State.SEEK;
                return true;
            }
        }
        if (contentLen > maxPartBytes) {
            // Skipped up to the next boundary, not by its length: a camera that announces a wrong
            // length loses one part, not every part within that length.
            oversize++;
            state = State.SKIP;
        } else if (contentLen >= 0) {
            contentLength = contentLen;
            state = State.BODY_LENGTH;
        } else {
            scanFrom = start;
            state = State.BODY_SCAN;
        }
        return true;
    }

    private boolean bodyLength() {
        if (end - start < contentLength) {
            return false;
        }
        int at = findDelimiter(start, start + contentLength);
        if (at >= 0) {
            // Cut short (or its length was overstated): the next part starts inside it.
            truncated++;
            int lineStart = dashesBefore(at);
            deliver(start, withoutLineBreak(lineStart));
            start = lineStart;
        } else {
            deliver(start, start + contentLength);
            start += contentLength;
        }
        state = State.SEEK;
        return true;
    }

    private boolean bodyScan() {
        int at = findDelimiter(scanFrom);
        if (at < 0) {
            if (end - start > maxPartBytes) {
                oversize++;
                state = State.SKIP;
                return true;
            }
            scanFrom = Math.max(start, end - delimiter.length - 2);
            return false;
        }
        int bodyEnd = withoutLineBreak(dashesBefore(at));
        if (bodyEnd - start > maxPartBytes) {
            oversize++;
        } else {
            deliver(start, bodyEnd);
        }
        start = dashesBefore(at);
        state = State.SEEK;
        return true;
    }

    private boolean skip() {
        int at = findDelimiter(start);
        if (at < 0) {
            discardKeepingTail(false);
            return false;
        }
        start = dashesBefore(at);
        state = State.SEEK;
        return true;
    }

    private void deliver(int from, int to) {
        parts++;
        onPart.accept(Arrays.copyOfRange(buf, from, to));
    }

    /** Drops the buffer but for a tail that may hold the start of a boundary split across reads. */
    private void discardKeepingTail(boolean countAsGarbage) {
        int keep = Math.min(end - start, delimiter.length + 2);
        if (countAsGarbage) {
            countGarbage(start, end - keep);
        }
        start = end - keep;
    }

    private void countGarbage(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != '\r' && buf[i] != '\n') {
                garbageBytes++;
            }
        }
    }

    private int findDelimiter(int from) {
        return findDelimiter(from, end);
    }

    /**
     * @return the index of the boundary text (after its dashes) of the first boundary line whose
     *         text starts in [from, limit) and lies wholly within the buffer, or -1
     */
    private int findDelimiter(int from, int limit) {
        outer:
        for (int i = from; i < limit && i + delimiter.length <= end; i++) {
            for (int k = 0; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) {
                    continue outer;
                }
            }
            int dashStart = dashesBefore(i);
            // A boundary follows "--", or starts a line, or starts the body.
            if (i - dashStart >= 2 || dashStart > start && buf[dashStart - 1] == '\n'
                    || beginning && dashStart == start) {
                return i;
            }
        }
        return -1;
    }

    private int withoutLineBreak(int at) {
        int i = at;
        if (i > start && buf[i - 1] == '\n') {
            i--;
            if (i > start && buf[i - 1] == '\r') {
                i--;
            }
        }
        return i;
    }

    private int dashesBefore(int at) {
        int i = at;
        while (i > start && buf[i - 1] == '-') {
            i--;
        }
        return i;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
