package org.ucv.web.ws;

import java.util.UUID;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.ErrorCode;
import org.ucv.web.ws.internal.ServerMessages;

/**
 * A socket whose upgrade carried no valid login: it says so in the protocol's own terms and
 * closes. Refusing the upgrade with 401 would leave a browser's client with only a bare close
 * event (1006) and no reason; this way it reads {@code connection}, then error
 * {@code unauthorized} ({@code fatal: true}) with a text naming how to log in, then close 1008
 * (policy violation), and clients that reconnect on every close except 1000 are told why.
 * Messages from the client are ignored. Public because Jetty binds the listener methods with a
 * public method-handle lookup.
 */
public final class RefusedSocket implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(RefusedSocket.class);
    /** The close reason: short, since a close frame's reason is capped at 123 bytes. */
    static final String CLOSE_REASON = "log in first";

    private final String cameraId;
    private final ServerMessages messages;
    private final String text;

    RefusedSocket(String cameraId, ServerMessages messages, String text) {
        this.cameraId = cameraId;
        this.messages = messages;
        this.text = text;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        LOG.debug("Camera {}: refused a viewer without a valid login from {}", cameraId, s.getRemoteSocketAddress());
        s.sendText(messages.connection("client_" + UUID.randomUUID()), Callback.NOOP);
        // Closed once the error is written (or failed): a close queued at once could overtake nothing,
        // since Jetty writes in order, but waiting costs nothing and states the intent.
        Runnable close = () -> s.close(StatusCode.POLICY_VIOLATION, CLOSE_REASON, Callback.NOOP);
        s.sendText(messages.error(ErrorCode.UNAUTHORIZED, text, true), Callback.from(close, failure -> close.run()));
    }

    @Override
    public void onWebSocketText(String message) {
        // not listened to: the socket is closing
    }
}
