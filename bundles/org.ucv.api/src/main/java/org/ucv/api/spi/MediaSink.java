package org.ucv.api.spi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a {@link StreamSource} delivers packets and reports its state. The platform implements it.
 *
 * <p>Every method returns at once: the platform copies or queues and never blocks the source's
 * thread. After {@link StreamSource#close()} has returned, the source calls none of these.
 * A source reports {@link #connecting()}, then {@link #streaming()} once its first packet is on the
 * way, and ends with either {@link #lost(String)} or {@link #failed(ErrorCode, String)}, after which it
 * stops by itself: reconnection is the platform's job, not the source's.
 */
@ProviderType
public interface MediaSink {
    /** The source is opening its connection. */
    void connecting();

    /** The connection is up and packets are flowing (or about to). */
    void streaming();

    /**
     * Delivers one packet. Returns at once; a full queue drops packets on the platform's side.
     *
     * @param packet the packet; ownership of its arrays passes to the platform
     */
    void packet(MediaPacket packet);

    /**
     * The connection was lost after it worked (peer closed, read timeout, ...). The platform will
     * close this source and open a new one with backoff while viewers watch.
     *
     * @param reason human text naming the cause, with no credentials in it
     */
    void lost(String reason);

    /**
     * The source cannot stream, for a reason named by a code of the closed list (for example
     * {@link ErrorCode#AUTH_FAILED}, {@link ErrorCode#CAMERA_UNREACHABLE},
     * {@link ErrorCode#STREAM_NOT_FOUND}, {@link ErrorCode#UNSUPPORTED_CODEC}).
     *
     * @param code the cause, from the closed list
     * @param message human text naming the cause, with no credentials in it
     */
    void failed(ErrorCode code, String message);
}
