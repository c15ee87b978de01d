package org.ucv.web.rest.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ConnectionTester;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.PtzCapable;
import org.ucv.api.spi.SnapshotCapable;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSource;
import org.ucv.api.spi.StreamSourceFactory;

/** Plugins for the tests: real threads, real sink calls, no network. */
final class FakeFactories {
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0,
        (byte) 0xFF, (byte) 0xD9};

    private FakeFactories() {
    }

    /** Like the demo plugin: no capabilities; a source sends one H.264 packet from its own thread. */
    static class Streaming implements StreamSourceFactory {
        final List<String> closed = new CopyOnWriteArrayList<>();
        /** When set, the source fails with this code instead of sending a packet. */
        volatile ErrorCode failWith;
        /** When true, the source sends nothing at all. */
        volatile boolean silent;

        @Override
        public StreamSource open(CameraConfig camera, MediaSink sink) {
            Thread t = new Thread(() -> {
                sink.connecting();
                if (silent) {
                    return;
                }
                if (failWith != null) {
                    sink.failed(failWith, "camera '" + camera.id() + "' refused rtsp://u:" + camera.password().orElse("")
                            + "@h/ with password " + camera.password().orElse(""));
                    return;
                }
                sink.streaming();
                sink.packet(new MediaPacket(Codec.H264, new byte[] {0, 0, 0, 1, 0x65}, 0, 0, true, null));
            }, "ucv-test-" + camera.id());
            t.start();
            return () -> closed.add(camera.id());
        }
    }

    /** An HTTP-like plugin: snapshot and connection test of its own. */
    static final class Capable extends Streaming implements SnapshotCapable, ConnectionTester {
        volatile SourceException fails;

        @Override
        public byte[] snapshot(CameraConfig camera, Duration timeout) throws SourceException {
            if (fails != null) {
                throw fails;
            }
            return JPEG.clone();
        }

        @Override
        public ConnectionTestResult test(CameraConfig camera, Duration timeout) throws SourceException {
            if (fails != null) {
                throw fails;
            }
            return new ConnectionTestResult(Duration.ofMillis(12), Codec.MJPEG, "server Fake/1.0 as "
                    + camera.username().orElse("nobody"));
        }
    }

    /** A PTZ plugin that records its calls and has two presets. */
    static final class Ptz extends Streaming implements PtzCapable {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void move(CameraConfig camera, double pan, double tilt, double zoom) {
            calls.add("move " + camera.id() + " " + pan + " " + tilt + " " + zoom);
        }

        @Override
        public void stop(CameraConfig camera) {
            calls.add("stop " + camera.id());
        }

        @Override
        public List<Preset> presets(CameraConfig camera) {
            return new ArrayList<>(List.of(new Preset("1", "Door"), new Preset("2", "Gate")));
        }

        @Override
        public void gotoPreset(CameraConfig camera, String token) throws SourceException {
            if (!token.equals("1") && !token.equals("2")) {
                throw new SourceException(ErrorCode.INVALID_PARAMS, "camera '" + camera.id() + "' has no preset '"
                        + token + "'");
            }
            calls.add("goto " + camera.id() + " " + token);
        }
    }
}
