package org.ucv.web.ws;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.Principal;
import org.ucv.api.stream.StreamService;
import org.ucv.web.ws.internal.Base64Cache;
import org.ucv.web.ws.internal.ClientMessageParser;
import org.ucv.web.ws.internal.Credentials;
import org.ucv.web.ws.internal.ServerMessages;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The endpoint {@code /ws/stream/{cameraId}} (docs/protocol.md). Jetty's own WebSocket API, not
 * JSR 356: its endpoints can be unregistered, so this bundle can be stopped and updated live.
 *
 * <p>Every upgrade is checked before a socket exists: a foreign {@code Origin} is refused with
 * 403 (a page of another site must not watch with the user's cookie), then the login is read
 * ({@link Credentials}); without one the socket is opened only to say {@code unauthorized} and
 * close with 1008 ({@link RefusedSocket}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/ws/stream/*")
public final class StreamSocketServlet extends JettyWebSocketServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StreamSocketServlet.class);
    /**
     * Jetty closes with 1009 above this, and clients reconnect on any close but 1000: keep it well
     * above the parser's own limit, so a too large message is answered on the open socket.
     */
    private static final long MAX_CLIENT_MESSAGE = 1024 * 1024;
    /**
     * Data frames queued for one socket before Jetty refuses more (the send fails, the socket stays
     * open). Each socket has at most one video frame in flight, so only a client that floods
     * {@code ping} and does not read gets here; without a bound its pongs would grow memory forever.
     */
    static final int MAX_QUEUED_FRAMES = 64;
    /** Large enough that a frame goes out as one WebSocket frame instead of 64 KiB fragments. */
    private static final long MAX_FRAME = 16 * 1024 * 1024;
    /** An idle socket (stopped, or waiting for a missing plugin) is kept this long without traffic. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final transient StreamService streams;
    private final transient AuthService auth;
    private final transient ClientMessageParser parser = new ClientMessageParser();
    private final transient Base64Cache base64 = new Base64Cache();
    private final transient Set<StreamSocket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    @Activate
    public StreamSocketServlet(@Reference StreamService streams, @Reference AuthService auth) {
        this.streams = streams;
        this.auth = auth;
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        factory.setMaxTextMessageSize(MAX_CLIENT_MESSAGE);
        factory.setMaxBinaryMessageSize(MAX_CLIENT_MESSAGE);
        factory.setMaxFrameSize(MAX_FRAME);
        factory.setMaxOutgoingFrames(MAX_QUEUED_FRAMES);
        factory.setIdleTimeout(IDLE_TIMEOUT);
        factory.setCreator(this::create);
    }

    private Object create(JettyServerUpgradeRequest request, JettyServerUpgradeResponse response) {
        HttpServletRequest http = request.getHttpServletRequest();
        String cameraId = cameraId(http.getPathInfo());
        // Before the credentials: a refused page must not use up a ?token= either.
        if (!auth.originAllowed(request.getHeader("Origin"), http.getScheme(), request.getHeader("Host"))) {
            // debug only, and without the Origin's text: any page on the web can make a visitor's
            // browser try this, with whatever header it likes
            LOG.debug("Camera {}: refused a cross-origin WebSocket upgrade from {}", cameraId,
                    request.getRemoteSocketAddress());
            try {
                response.sendForbidden("cross-origin WebSocket refused: this page's Origin is not allowed"
                        + " (same origin only, unless listed in allowed_origins of org.ucv.auth)");
            } catch (IOException e) {
                LOG.debug("Camera {}: the 403 could not be sent: {}", cameraId, e.toString());
            }
            return null;
        }
        // JPEG does not compress, and deflating every frame would cost CPU per viewer.
        response.setExtensions(List.of());
        ServerMessages messages = new ServerMessages(cameraId, Clock.systemUTC(), base64);
        Credentials credentials = Credentials.parse(request.getHeaders("Cookie"), request.getQueryString(),
                request.getHeader("Authorization"));
        Optional<Principal> principal = credentials.principal(auth);
        if (principal.isEmpty()) {
            return new RefusedSocket(cameraId, messages, credentials.refusal());
        }
        return new StreamSocket(cameraId, principal.get().user(), streams, parser, messages, this);
    }

    /** @return the camera id from the path after {@code /ws/stream/}, "" when there is none */
    static String cameraId(String pathInfo) {
        if (pathInfo == null) {
            return "";
        }
        return pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo;
    }

    /** @return false when the endpoint is shutting down and the socket must close at once */
    boolean opened(StreamSocket socket) {
        sockets.add(socket);
        if (shuttingDown) {
            sockets.remove(socket);
            return false;
        }
        return true;
    }

    void closed(StreamSocket socket) {
        sockets.remove(socket);
    }

    /** A bundle stop does not close Jetty's open sockets by itself: close them with 1001. */
    @Deactivate
    void deactivate() {
        shuttingDown = true;
        LOG.info("Closing {} WebSocket viewer(s)", sockets.size());
        for (StreamSocket socket : sockets) {
            socket.shutdown();
        }
        sockets.clear();
    }
}
