package org.ucv.api.stream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One viewer, as the stream service sees it (the WebSocket endpoint implements it per socket).
 *
 * <p>Flow control is a mailbox of one: after {@link #deliver} the service sends this viewer nothing
 * more until {@code done} runs; frames that become ready meanwhile replace each other (the newest
 * wins, the others count as dropped). A slow viewer thus drops frames and never stalls the camera.
 */
@ConsumerType
public interface StreamViewer {
    /**
     * Hands over one frame. Must return at once (send asynchronously).
     *
     * @param frame the frame; shared with other viewers, never modify its bytes
     * @param done to be run exactly once when the frame was written or failed
     */
    void deliver(VideoFrame frame, Runnable done);

    /**
     * Tells the viewer of a state change. Must return at once.
     *
     * @param event the change
     */
    void event(StreamEvent event);
}
