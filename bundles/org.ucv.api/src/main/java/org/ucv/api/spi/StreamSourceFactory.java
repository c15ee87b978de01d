package org.ucv.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The service a protocol plugin registers. Register it with the service property
 * {@value #PROTOCOL_PROPERTY} (a String or String[], e.g. {@code {"http","https"}}); when two
 * factories claim one protocol, the higher {@code service.ranking} wins.
 *
 * <p>Optional capabilities are further interfaces the same service object implements, found with
 * {@code instanceof}: {@link SnapshotCapable}, {@link ConnectionTester}, {@link PtzCapable}.
 */
@ConsumerType
public interface StreamSourceFactory {
    /** The service property naming the protocol(s) a factory serves. */
    String PROTOCOL_PROPERTY = "ucv.protocol";

    /**
     * Opens a stream for one camera. Returns at once and never blocks on the network: connecting
     * happens on the source's own thread, which reports through the sink.
     *
     * @param camera the camera to stream
     * @param sink where packets and state changes go
     * @return the open source; the caller closes it
     */
    StreamSource open(CameraConfig camera, MediaSink sink);
}
