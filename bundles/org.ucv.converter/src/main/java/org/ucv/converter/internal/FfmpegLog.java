package org.ucv.converter.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_DEBUG;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_VERBOSE;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;


import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.CameraConfig;

/**
 * Sends FFmpeg's process-wide log (native stderr otherwise) to the slf4j logger {@code org.ucv.ffmpeg},
 * with credentials in URLs masked. FFmpeg only formats what passes the native level, which follows
 * the logger's level at {@link #install()}.
 */
public final class FfmpegLog extends LogCallback {
    private static final Logger LOG = LoggerFactory.getLogger("org.ucv.ffmpeg");
    /**
     * FFmpeg keeps a raw pointer to the callback, so it must never be collected: one instance for
     * the life of this class, and {@link #silence()} rather than removal.
     */
    private static final FfmpegLog INSTANCE = new FfmpegLog();

    private FfmpegLog() {
    }

    /** Routes FFmpeg's log into slf4j at the level the logger has now. */
    public static synchronized void install() {
        av_log_set_level(nativeLevel());
        setLogCallback(INSTANCE);
    }

    /**
     * Stops FFmpeg's log. The native log function stays pointed at this callback (FFmpeg offers no
     * safe way back to its default from Java), but no message reaches it any more.
     */
    public static synchronized void silence() {
        av_log_set_level(AV_LOG_QUIET);
    }

    private static int nativeLevel() {
        if (LOG.isTraceEnabled()) {
            return AV_LOG_DEBUG;
        } else if (LOG.isDebugEnabled()) {
            return AV_LOG_VERBOSE;
        } else if (LOG.isInfoEnabled()) {
            return AV_LOG_INFO;
        } else if (LOG.isWarnEnabled()) {
            return AV_LOG_WARNING;
        } else if (LOG.isErrorEnabled()) {
            return AV_LOG_ERROR;
        }
        return AV_LOG_QUIET;
    }

    @Override
    public void call(int level, BytePointer message) {
        String line = mask(message.getString().strip());
        if (line.isEmpty()) {
            return;
        }
        int severity = level & 0xff;
        if (severity <= AV_LOG_ERROR) {
            LOG.error(line);
        } else if (severity <= AV_LOG_WARNING) {
            LOG.warn(line);
        } else if (severity <= AV_LOG_INFO) {
            LOG.info(line);
        } else if (severity <= AV_LOG_VERBOSE) {
            LOG.debug(line);
        } else {
            LOG.trace(line);
        }
    }

    /** @return the text with the user-info part of every URL replaced by {@code ***} */
    public static String mask(String text) {
        return text.indexOf('@') < 0 ? text : CameraConfig.maskUserInfo(text);
    }
}
