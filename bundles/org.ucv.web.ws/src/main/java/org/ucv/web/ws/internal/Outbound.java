package org.ucv.web.ws.internal;

import java.nio.ByteBuffer;

/**
 * The sending side of one socket. Sends are queued and written in call order; no call blocks.
 */
public interface Outbound {
    /**
     * @param text a text message
     * @param done run exactly once, when the message was written or failed
     */
    void sendText(String text, Runnable done);

    /**
     * @param message a whole binary message
     * @param done run exactly once, when the message was written or failed
     */
    void sendBinary(ByteBuffer message, Runnable done);
}
