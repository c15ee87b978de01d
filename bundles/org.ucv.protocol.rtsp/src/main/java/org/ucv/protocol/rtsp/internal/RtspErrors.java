package org.ucv.protocol.rtsp.internal;

import java.util.Locale;

import org.ucv.api.spi.ErrorCode;

/**
 * Maps FFmpeg's error numbers from opening or reading an RTSP stream to the closed list of error
 * codes. FFmpeg turns an RTSP status answer into an {@code AVERROR_HTTP_*} tag (401, 403, 404,
 * other 4xx, 5xx); network failures come as {@code AVERROR(errno)}.
 */
public final class RtspErrors {
    public static final int HTTP_BAD_REQUEST = tag(0xF8, '4', '0', '0');
    public static final int HTTP_UNAUTHORIZED = tag(0xF8, '4', '0', '1');
    public static final int HTTP_FORBIDDEN = tag(0xF8, '4', '0', '3');
    public static final int HTTP_NOT_FOUND = tag(0xF8, '4', '0', '4');
    public static final int HTTP_OTHER_4XX = tag(0xF8, '4', 'X', 'X');
    public static final int HTTP_SERVER_ERROR = tag(0xF8, '5', 'X', 'X');
    public static final int INVALIDDATA = tag('I', 'N', 'D', 'A');
    public static final int EOF = tag('E', 'O', 'F', ' ');
    /** {@code AVERROR(ETIMEDOUT)}: errno values differ per platform. */
    public static final int TIMED_OUT = -timedOutErrno(System.getProperty("os.name", ""));

    private RtspErrors() {
    }

    /** FFmpeg's FFERRTAG: a negative four-character code. */
    static int tag(int a, int b, int c, int d) {
        return -(a | (b << 8) | (c << 16) | (d << 24));
    }

    static int timedOutErrno(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("darwin") || os.contains("bsd")) {
            return 60;
        }
        return os.contains("win") ? 138 : 110;
    }

    /**
     * @param error a negative FFmpeg error from opening the stream (DESCRIBE, SETUP, PLAY, probing)
     * @return its code; network errors other than a time-out count as unreachable
     */
    public static ErrorCode classify(int error) {
        if (error == HTTP_UNAUTHORIZED || error == HTTP_FORBIDDEN) {
            return ErrorCode.AUTH_FAILED;
        }
        if (error == HTTP_NOT_FOUND || error == HTTP_BAD_REQUEST || error == HTTP_OTHER_4XX) {
            return ErrorCode.STREAM_NOT_FOUND;
        }
        if (error == INVALIDDATA) {
            return ErrorCode.NOT_A_STREAM;
        }
        if (error == TIMED_OUT) {
            return ErrorCode.TIMEOUT;
        }
        return ErrorCode.CAMERA_UNREACHABLE;
    }

    /** @return a short human text for an RTSP status error, or null when {@code error} is none */
    public static String statusText(int error) {
        if (error == HTTP_UNAUTHORIZED) {
            return "401 Unauthorized: wrong user name or password";
        } else if (error == HTTP_FORBIDDEN) {
            return "403 Forbidden: the user may not watch this stream";
        } else if (error == HTTP_NOT_FOUND) {
            return "404 Not Found: no stream at this path";
        } else if (error == HTTP_BAD_REQUEST) {
            return "400 Bad Request";
        } else if (error == HTTP_OTHER_4XX) {
            return "a 4xx status: the camera refused the request";
        } else if (error == HTTP_SERVER_ERROR) {
            return "a 5xx status: the camera failed to serve the stream";
        } else if (error == INVALIDDATA) {
            return "an answer that is not RTSP";
        }
        return null;
    }
}
