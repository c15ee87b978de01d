package org.ucv.web.ws;

import java.nio.ByteBuffer;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.auth.AuthService;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.StreamService;
import org.ucv.web.ws.internal.ClientMessageParser;
import org.ucv.web.ws.internal.LoginCheck;
import org.ucv.web.ws.internal.Outbound;
import org.ucv.web.ws.internal.ServerMessages;
import org.ucv.web.ws.internal.ViewerConnection;

/**
 * One Jetty WebSocket: hands its messages to a {@link ViewerConnection} and sends for it. Public
 * because Jetty binds the listener methods with a public method-handle lookup.
 */
public final class StreamSocket implements Session.Listener.AutoDemanding, Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSocket.class);
    /** The close reason when the login ended: short, since a close frame's reason is capped at 123 bytes. */
    static final String SESSION_ENDED = "session ended";

    private final String cameraId;
    private final String user;
    private final LoginCheck login;
    private final StreamSocketServlet owner;
    private final ViewerConnection connection;
    private volatile Session session;

    StreamSocket(String cameraId, String user, LoginCheck login, StreamService streams, ClientMessageParser parser,
                 ServerMessages messages, StreamSocketServlet owner) {
        this.cameraId = cameraId;
        this.user = user;
        this.login = login;
        this.owner = owner;
        this.connection = new ViewerConnection(cameraId, streams, this, messages, parser);
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        if (!owner.opened(this)) {
            s.close(StatusCode.SHUTDOWN, "server shutting down", Callback.NOOP);
            return;
        }
        LOG.debug("Camera {}: viewer {} connected from {} as {}", cameraId, connection.clientId(),
                s.getRemoteSocketAddress(), user);
        connection.open();
    }

    @Override
    public void onWebSocketText(String text) {
        connection.onText(text);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        connection.onBinary();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        LOG.debug("Camera {}: viewer {} closed ({} {})", cameraId, connection.clientId(), statusCode, reason);
        connection.close();
        owner.closed(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("Camera {}: viewer {} failed: {}", cameraId, connection.clientId(), cause.toString());
    }

    @Override
    public void sendText(String text, Runnable done) {
        session.sendText(text, callback(done));
    }

    @Override
    public void sendBinary(ByteBuffer message, Runnable done) {
        session.sendBinary(message, callback(done));
    }

    /** Releases the camera at once, then closes the socket with 1001 (going away). */
    void shutdown() {
        connection.close();
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(StatusCode.SHUTDOWN, "server shutting down", Callback.NOOP);
        }
    }

    /**
     * Re-checks the login the socket was opened with; when it no longer holds, ends the socket as
     * {@link RefusedSocket} ends one without login: error {@code unauthorized} (fatal), the
     * stream released, then close 1008.
     */
    void checkLogin(AuthService auth) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return;
        }
        String ended = login.ended(auth);
        if (ended == null) {
            return;
        }
        LOG.info("Camera {}: ending viewer {} of {}: its {}", cameraId, connection.clientId(), user,
                login.hasSession() ? "session ended" : "anonymous viewing was turned off");
        connection.terminate(ErrorCode.UNAUTHORIZED, ended,
                () -> s.close(StatusCode.POLICY_VIOLATION, SESSION_ENDED, Callback.NOOP));
    }

    private Callback callback(Runnable done) {
        return Callback.from(done, failure -> {
            LOG.debug("Camera {}: send to viewer {} failed: {}", cameraId, connection.clientId(), failure.toString());
            done.run();
        });
    }
}
