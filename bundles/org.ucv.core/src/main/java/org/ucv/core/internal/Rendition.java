package org.ucv.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.FrameConverter;
import org.ucv.api.convert.ImageEncoder;
import org.ucv.api.convert.ImageEncoder.EncodedImage;
import org.ucv.api.convert.Picture;
import org.ucv.api.metrics.StreamMeter;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.VideoFrame;

/**
 * The viewers of one camera that want the same picture (quality, snapped width, format), and the
 * one encoder they share. Some renditions need no decoded picture at all: an MJPEG camera's own
 * JPEG goes untouched to {@link Quality#SOURCE} viewers. The worker asks {@link #needsPicture}
 * per packet rather than assuming every rendition decodes.
 *
 * <p>The encoder is used under this object's monitor, so a viewer leaving on another thread can
 * close it safely between two frames.
 */
final class Rendition {
    private static final Logger LOG = LoggerFactory.getLogger(Rendition.class);
    private static final String JPEG = "jpeg";

    private final String cameraId;
    private final RenditionKey key;
    private final FrameConverter converter;
    private final StreamMeter meter;
    /** The camera's credential redaction: converter messages may quote what they were given. */
    private final UnaryOperator<String> redact;
    private final List<ViewerSlot> slots = new CopyOnWriteArrayList<>();

    private ImageEncoder encoder;
    private long sequence;
    private boolean closed;
    private boolean failed;
    private boolean encodeErrorLogged;

    Rendition(String cameraId, RenditionKey key, FrameConverter converter, StreamMeter meter,
              UnaryOperator<String> redact) {
        this.cameraId = cameraId;
        this.key = key;
        this.converter = converter;
        this.meter = meter;
        this.redact = redact;
    }

    void add(ViewerSlot slot) {
        slots.add(slot);
    }

    /** @return true when the slot was one of this rendition's */
    boolean remove(ViewerSlot slot) {
        return slots.remove(slot);
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    List<ViewerSlot> slots() {
        return slots;
    }

    /** @return true when packets of this codec are forwarded as they are */
    boolean passthrough(Codec codec) {
        return key.quality() == Quality.SOURCE && codec == Codec.MJPEG && JPEG.equals(key.format());
    }

    /** @return true when a frame of this rendition is made from a decoded picture */
    boolean needsPicture(Codec codec) {
        return !passthrough(codec);
    }

    /**
     * @param captureMicros the capture time of the frame that could be made
     * @return the viewers due a frame captured then (empty when none)
     */
    List<ViewerSlot> dueSlots(long captureMicros) {
        List<ViewerSlot> due = List.of();
        for (ViewerSlot slot : slots) {
            if (slot.due(captureMicros)) {
                if (due.isEmpty()) {
                    due = new ArrayList<>(slots.size());
                }
                due.add(slot);
            }
        }
        return due;
    }

    /**
     * Makes this rendition's frame for one packet: forwards it, or encodes the picture decoded from it.
     *
     * @param packet the packet
     * @param picture the picture decoded from it, or null when none was (or needed to be) decoded
     * @return the frame, or null when there is none (closed, failed, or no picture to encode)
     * @throws EncoderUnavailable when the encoder cannot be opened (the rendition then stays failed)
     */
    synchronized VideoFrame produce(MediaPacket packet, Picture picture) throws EncoderUnavailable {
        if (closed || failed) {
            return null;
        }
        long capture = packet.arrivalEpochMicros();
        if (passthrough(packet.codec())) {
            int[] size = JpegSize.of(packet.payload());
            return new VideoFrame(packet.payload(), JPEG, size[0], size[1], key.quality(), capture,
                    EpochMicros.now(), ++sequence);
        }
        if (picture == null) {
            return null;
        }
        try {
            if (encoder == null) {
                encoder = converter.openEncoder(key.format(), key.quality(), key.width());
            }
        } catch (ConversionException e) {
            failed = true;
            throw new EncoderUnavailable(StreamEvent.error(e.code(), "camera '" + cameraId + "': cannot encode "
                    + key.format() + " at quality " + key.quality().wire() + ": " + Redacted.message(e, redact), false));
        }
        try {
            EncodedImage image = encoder.encode(picture);
            meter.frameEncoded();
            return new VideoFrame(image.data(), key.format(), image.width(), image.height(), key.quality(), capture,
                    EpochMicros.now(), ++sequence);
        } catch (ConversionException e) {
            if (!encodeErrorLogged) {
                encodeErrorLogged = true;
                LOG.warn("Camera '{}': encoding {} {} failed ({}); further failures of this rendition are logged at debug",
                        cameraId, key.format(), key.quality().wire(), Redacted.message(e, redact));
            } else {
                LOG.debug("Camera '{}': encoding {} {} failed: {}", cameraId, key.format(), key.quality().wire(),
                        Redacted.message(e, redact));
            }
            return null;
        }
    }

    /** Hands a frame to the viewers that were due it. Called without any lock held. */
    static void publish(VideoFrame frame, List<ViewerSlot> due) {
        for (ViewerSlot slot : due) {
            slot.accept(frame.captureEpochMicros());
            slot.offer(frame);
        }
    }

    /** Frees the encoder; the rendition makes no frame after this. Idempotent. */
    synchronized void close() {
        closed = true;
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }

    /** The encoder of a rendition could not be opened; carries the event for its viewers. */
    static final class EncoderUnavailable extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient StreamEvent event;

        EncoderUnavailable(StreamEvent event) {
            super(event.message());
            this.event = event;
        }

        StreamEvent event() {
            return event;
        }
    }
}
