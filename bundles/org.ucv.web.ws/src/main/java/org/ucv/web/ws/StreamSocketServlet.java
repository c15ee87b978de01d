package org.ucv.web.ws;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
import org.ucv.api.auth.AuthService.Session;
import org.ucv.api.stream.StreamService;
import org.ucv.web.ws.internal.Base64Cache;
import org.ucv.web.ws.internal.ClientMessageParser;
import org.ucv.web.ws.internal.Credentials;
import org.ucv.web.ws.internal.LoginCheck;
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
 *
 * <p>The login is also re-checked while a socket is open ({@link LoginCheck}), every
 * {@link #LOGIN_CHECK_INTERVAL} on one thread for all sockets, which runs only while some socket
 * is open (no idle thread without viewers): a socket whose session ended
 * (logout, expiry, password change, user removed), or an anonymous one after anonymous viewing
 * was turned off, is told {@code unauthorized} and closed with 1008.
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
    /**
     * How often open sockets re-check their login: a viewer whose session ended stops seeing
     * within this; each check is a map lookup per socket.
     */
    static final Duration LOGIN_CHECK_INTERVAL = Duration.ofSeconds(15);

    private final transient StreamService streams;
    private final transient AuthService auth;
    private final transient ClientMessageParser parser = new ClientMessageParser();
    private final transient Base64Cache base64 = new Base64Cache();
    private final transient Set<StreamSocket> sockets = ConcurrentHashMap.newKeySet();
    /** One thread for all sockets' login checks, not one per socket; it ends when no socket is open. */
    private final transient ScheduledThreadPoolExecutor loginChecks;
    private final transient long loginCheckMillis;
    /** Guards {@link #checkTask} and the start/stop decision, so a socket opening as the last closes is still checked. */
    private final transient Object checkLock = new Object();
    /** The periodic check while some socket is open, else null. Under checkLock. */
    private transient ScheduledFuture<?> checkTask;
    private volatile boolean shuttingDown;

    @Activate
    public StreamSocketServlet(@Reference StreamService streams, @Reference AuthService auth) {
        this(streams, auth, LOGIN_CHECK_INTERVAL);
    }

    /** @param loginCheckInterval how often open sockets re-check their login (short in tests) */
    StreamSocketServlet(StreamService streams, AuthService auth, Duration loginCheckInterval) {
        this.streams = streams;
        this.auth = auth;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ucv-ws-login-check");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // A cancelled check leaves the queue at once, so the idle thread ends a second later.
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(1, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        this.loginChecks = executor;
        this.loginCheckMillis = Math.max(1, loginCheckInterval.toMillis());
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
        Optional<Session> login = credentials.login(auth);
        if (login.isEmpty()) {
            return new RefusedSocket(cameraId, messages, credentials.refusal());
        }
        return new StreamSocket(cameraId, login.get().principal().user(), new LoginCheck(cameraId, login.get()),
                streams, parser, messages, this);
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
        synchronized (checkLock) {
            sockets.add(socket);
            if (shuttingDown) {
                sockets.remove(socket);
                return false;
            }
            if (checkTask == null && !loginChecks.isShutdown()) {
                try {
                    checkTask = loginChecks.scheduleWithFixedDelay(this::checkLogins, loginCheckMillis,
                            loginCheckMillis, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // shut down meanwhile: deactivate closes the socket
                }
            }
            return true;
        }
    }

    void closed(StreamSocket socket) {
        synchronized (checkLock) {
            sockets.remove(socket);
            if (sockets.isEmpty() && checkTask != null) {
                checkTask.cancel(false);
                checkTask = null;
            }
        }
    }

    /** Ends every open socket whose login no longer holds. */
    private void checkLogins() {
        for (StreamSocket socket : sockets) {
            try {
                socket.checkLogin(auth);
            } catch (RuntimeException e) {
                // a fault must not end the periodic task (an executor drops a task that throws)
                LOG.warn("Checking the login of a WebSocket viewer failed", e);
            }
        }
    }

    /** A bundle stop does not close Jetty's open sockets by itself: close them with 1001. */
    @Deactivate
    void deactivate() {
        synchronized (checkLock) {
            shuttingDown = true;
            loginChecks.shutdownNow();
            checkTask = null;
        }
        LOG.info("Closing {} WebSocket viewer(s)", sockets.size());
        for (StreamSocket socket : sockets) {
            socket.shutdown();
        }
        sockets.clear();
    }
}
