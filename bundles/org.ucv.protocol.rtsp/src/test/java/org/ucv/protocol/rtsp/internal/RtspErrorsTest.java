package org.ucv.protocol.rtsp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;
import org.ucv.api.spi.ErrorCode;

class RtspErrorsTest {
    @Test
    void tagsAreFfmpegs() {
        assertEquals(avutil.AVERROR_HTTP_UNAUTHORIZED, RtspErrors.HTTP_UNAUTHORIZED);
        assertEquals(avutil.AVERROR_HTTP_FORBIDDEN, RtspErrors.HTTP_FORBIDDEN);
        assertEquals(avutil.AVERROR_HTTP_NOT_FOUND, RtspErrors.HTTP_NOT_FOUND);
        assertEquals(avutil.AVERROR_HTTP_BAD_REQUEST, RtspErrors.HTTP_BAD_REQUEST);
        assertEquals(avutil.AVERROR_HTTP_OTHER_4XX, RtspErrors.HTTP_OTHER_4XX);
        assertEquals(avutil.AVERROR_HTTP_SERVER_ERROR, RtspErrors.HTTP_SERVER_ERROR);
        assertEquals(avutil.AVERROR_INVALIDDATA, RtspErrors.INVALIDDATA);
        assertEquals(avutil.AVERROR_EOF, RtspErrors.EOF);
    }

    @Test
    void statusAnswersMapToTheirCodes() {
        assertEquals(ErrorCode.AUTH_FAILED, RtspErrors.classify(RtspErrors.HTTP_UNAUTHORIZED));
        assertEquals(ErrorCode.AUTH_FAILED, RtspErrors.classify(RtspErrors.HTTP_FORBIDDEN));
        assertEquals(ErrorCode.STREAM_NOT_FOUND, RtspErrors.classify(RtspErrors.HTTP_NOT_FOUND));
        assertEquals(ErrorCode.STREAM_NOT_FOUND, RtspErrors.classify(RtspErrors.HTTP_OTHER_4XX));
        assertEquals(ErrorCode.CAMERA_UNREACHABLE, RtspErrors.classify(RtspErrors.HTTP_SERVER_ERROR));
        assertEquals(ErrorCode.NOT_A_STREAM, RtspErrors.classify(RtspErrors.INVALIDDATA));
        assertEquals(ErrorCode.TIMEOUT, RtspErrors.classify(RtspErrors.TIMED_OUT));
        assertEquals(ErrorCode.CAMERA_UNREACHABLE, RtspErrors.classify(-111));
    }

    @Test
    void timedOutErrnoPerPlatform() {
        assertEquals(110, RtspErrors.timedOutErrno("Linux"));
        assertEquals(60, RtspErrors.timedOutErrno("Mac OS X"));
        assertEquals(138, RtspErrors.timedOutErrno("Windows 11"));
    }

    @Test
    void errorTextEndsAtFfmpegsText() {
        // -111 is ECONNREFUSED on Linux; a whole-buffer read once left junk bytes after the text.
        assertEquals("Connection refused", RtspConnection.errorText(-111));
        assertEquals("Server returned 401 Unauthorized (authorization failed)",
                RtspConnection.errorText(RtspErrors.HTTP_UNAUTHORIZED));
    }
}
