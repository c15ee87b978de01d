package org.ucv.core.internal;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.FrameConverter;
import org.ucv.api.convert.Picture;
import org.ucv.api.convert.VideoDecoder;
import org.ucv.api.metrics.StreamMeter;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.VideoFrame;

/**
 * The thread {@code ucv-session-<cameraId>}: takes packets from the session's queue, decodes each
 * one once, and encodes once per rendition that has a viewer due a frame. The decoder is this
 * thread's alone; it is recreated when the codec changes and closed when the thread ends.
 */
final class SessionWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SessionWorker.class);
    private static final long JOIN_MS = 5_000;

    private final CameraSession session;
    private final FrameConverter converter;
    private final StreamMeter meter;
    private final PacketQueue queue;
    private final Thread thread;

    private VideoDecoder decoder;
    private Codec decoderCodec;
    private Codec unsupportedCodec;
    private int lastGeneration = Integer.MIN_VALUE;
    private int flowingGeneration = Integer.MIN_VALUE;
    private boolean awaitKeyframe = true;

    SessionWorker(CameraSession session, FrameConverter converter, StreamMeter meter, PacketQueue queue) {
        this.session = session;
        this.converter = converter;
        this.meter = meter;
        this.queue = queue;
        this.thread = new Thread(this::run, "ucv-session-" + session.cameraId());
        this.thread.setDaemon(true);
    }

    FrameConverter converter() {
        return converter;
    }

    void start() {
        thread.start();
    }

    /** Waits (bounded) for the thread to end after the queue was closed. */
    void join() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Camera '{}': session thread did not end within {} ms", session.cameraId(), JOIN_MS);
        }
    }

    private void run() {
        try {
            PacketQueue.Item item;
            while ((item = queue.take()) != null) {
                try {
                    handle(item);
                } catch (RuntimeException e) {
                    LOG.error("Camera '{}': failed to process {}", session.cameraId(), item.packet(),
                            Redacted.of(e, session::redact));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeDecoder();
        }
    }

    private void handle(PacketQueue.Item item) {
        int gen = item.generation();
        if (gen != session.generation()) {
            return;
        }
        // A new source, or a gap after a full queue: only a keyframe starts a clean picture again.
        if (gen != lastGeneration || item.afterGap()) {
            lastGeneration = gen;
            awaitKeyframe = true;
        }
        MediaPacket packet = item.packet();
        if (awaitKeyframe) {
            if (!packet.keyframe()) {
                meter.packetDropped();
                return;
            }
            awaitKeyframe = false;
        }
        Codec codec = packet.codec();
        Rendition[] renditions = session.renditions();
        List<List<ViewerSlot>> due = new ArrayList<>(renditions.length);
        boolean decodes = false;
        boolean pictureWanted = false;
        for (Rendition r : renditions) {
            List<ViewerSlot> d = r.dueSlots(packet.arrivalEpochMicros());
            due.add(d);
            if (r.needsPicture(codec)) {
                decodes = true;
                pictureWanted |= !d.isEmpty();
            }
        }
        Picture picture = null;
        // An inter-frame codec must see every packet to keep its references, due or not.
        if (pictureWanted || decodes && !codec.intraOnly()) {
            VideoDecoder dec = decoder(codec);
            if (dec == null) {
                return;
            }
            try {
                picture = dec.decode(packet);
            } catch (ConversionException e) {
                meter.packetCorrupt();
                LOG.debug("Camera '{}': skipped a corrupt packet ({}): {}", session.cameraId(), packet,
                        Redacted.message(e, session::redact));
                return;
            }
            if (picture != null) {
                meter.frameDecoded();
            }
        }
        if (gen != flowingGeneration) {
            flowingGeneration = gen;
            session.flowing(gen);
        }
        for (int i = 0; i < renditions.length; i++) {
            List<ViewerSlot> d = due.get(i);
            if (!d.isEmpty()) {
                produce(renditions[i], packet, picture, d);
            }
        }
    }

    private void produce(Rendition rendition, MediaPacket packet, Picture picture, List<ViewerSlot> due) {
        VideoFrame frame;
        try {
            frame = rendition.produce(packet, picture);
        } catch (Rendition.EncoderUnavailable e) {
            LOG.warn(e.getMessage());
            session.problem(e.event(), due);
            return;
        }
        if (frame != null) {
            Rendition.publish(frame, due);
        }
    }

    private VideoDecoder decoder(Codec codec) {
        if (decoder != null && decoderCodec == codec) {
            return decoder;
        }
        if (codec == unsupportedCodec) {
            return null;
        }
        closeDecoder();
        try {
            decoder = converter.openDecoder(session.cameraId(), codec);
            decoderCodec = codec;
            meter.decoderOpened();
            return decoder;
        } catch (ConversionException e) {
            unsupportedCodec = codec;
            StreamEvent ev = StreamEvent.error(e.code(), "camera '" + session.cameraId() + "': cannot decode "
                    + codec + ": " + Redacted.message(e, session::redact), false);
            LOG.warn(ev.message());
            List<ViewerSlot> all = new ArrayList<>();
            for (Rendition r : session.renditions()) {
                all.addAll(r.slots());
            }
            session.problem(ev, all);
            return null;
        }
    }

    private void closeDecoder() {
        if (decoder != null) {
            decoder.close();
            decoder = null;
            decoderCodec = null;
        }
    }
}
