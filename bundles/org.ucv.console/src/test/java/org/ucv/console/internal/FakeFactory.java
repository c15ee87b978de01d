package org.ucv.console.internal;

import java.time.Duration;

import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ConnectionTester;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.SnapshotCapable;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSource;
import org.ucv.api.spi.StreamSourceFactory;

/** Factories with and without the optional capabilities. */
final class FakeFactory {
    /** A tiny but well-formed JPEG header: SOI, SOF0 of 64x48, EOI. */
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8, 0, 48, 0, 64, 1, 1, 0x11,
            0, (byte) 0xFF, (byte) 0xD9};

    private FakeFactory() {
    }

    /** Streams only (like the demo plugin). A new object each time (a lambda here would be one shared instance). */
    static StreamSourceFactory plain() {
        return new StreamSourceFactory() {
            @Override
            public StreamSource open(CameraConfig camera, MediaSink sink) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Takes snapshots and tests connections; both fail with {@code failure} when it is set. */
    static final class Capable implements StreamSourceFactory, SnapshotCapable, ConnectionTester {
        SourceException failure;
        byte[] snapshot = JPEG;
        int snapshots;
        Duration lastTimeout;

        @Override
        public StreamSource open(CameraConfig camera, MediaSink sink) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] snapshot(CameraConfig camera, Duration timeout) throws SourceException {
            snapshots++;
            lastTimeout = timeout;
            if (failure != null) {
                throw failure;
            }
            return snapshot;
        }

        @Override
        public ConnectionTestResult test(CameraConfig camera, Duration timeout) throws SourceException {
            lastTimeout = timeout;
            if (failure != null) {
                throw failure;
            }
            return new ConnectionTestResult(Duration.ofMillis(42), Codec.H264,
                    "server says hi to " + camera.url().orElse("?") + " with " + camera.password().orElse(""));
        }
    }
}
