package org.ucv.api.spi;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/** A capability of a {@link StreamSourceFactory}: reachability, handshake and authentication. */
@ConsumerType
public interface ConnectionTester {
    /**
     * @param camera the camera
     * @param timeout the most this call may take
     * @return what was found, with the time taken
     * @throws SourceException when the camera fails the test, with the cause's code
     */
    ConnectionTestResult test(CameraConfig camera, Duration timeout) throws SourceException;

    /**
     * The outcome of a successful test.
     *
     * @param elapsed the time the test took
     * @param codec the stream's codec if the handshake told it, else null
     * @param detail human text (e.g. the server's name or the stream's size)
     */
    record ConnectionTestResult(Duration elapsed, Codec codec, String detail) {
    }
}
