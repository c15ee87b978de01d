package org.ucv.protocol.onvif.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.SnapshotCapable;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSource;
import org.ucv.api.spi.StreamSourceFactory;

/** A sink that records every call as text, and a fake RTSP factory. */
final class Recorder implements MediaSink {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void connecting() {
        events.add("connecting");
    }

    @Override
    public void streaming() {
        events.add("streaming");
    }

    @Override
    public void packet(MediaPacket packet) {
        events.add("packet " + packet.codec());
    }

    @Override
    public void lost(String reason) {
        events.add("lost " + reason);
    }

    @Override
    public void failed(ErrorCode code, String message) {
        events.add("failed " + code.wire() + " " + message);
    }

    /** @return the next event, waiting at most 10 s */
    String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event within 10 s");
        }
        return e;
    }

    /** An RTSP factory that streams one packet per source and records what it was asked. */
    static final class FakeRtsp implements StreamSourceFactory, SnapshotCapable {
        final List<CameraConfig> opened = new CopyOnWriteArrayList<>();
        final List<Src> sources = new CopyOnWriteArrayList<>();

        @Override
        public StreamSource open(CameraConfig camera, MediaSink sink) {
            opened.add(camera);
            Src s = new Src(sink);
            sources.add(s);
            s.thread.start();
            return s;
        }

        @Override
        public byte[] snapshot(CameraConfig camera, Duration timeout) throws SourceException {
            opened.add(camera);
            return FakeDevice.JPEG;
        }

        static final class Src implements StreamSource {
            final Thread thread;
            volatile boolean closed;

            Src(MediaSink sink) {
                thread = new Thread(() -> {
                    sink.connecting();
                    sink.streaming();
                    sink.packet(new MediaPacket(Codec.H264, new byte[] {0, 0, 0, 1, 0x65}, 0, 0, true, null));
                }, "fake-rtsp");
            }

            @Override
            public void close() {
                closed = true;
                try {
                    thread.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
