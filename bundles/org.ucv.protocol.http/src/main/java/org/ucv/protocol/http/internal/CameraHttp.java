package org.ucv.protocol.http.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.SourceException;
import org.ucv.net.HttpAuthenticator;
import org.ucv.net.HttpAuthenticator.Outcome;

/**
 * GET requests to one camera: answers its Basic/Digest challenges (the same authenticator for every
 * request, so Digest nonces are reused and counted) and turns every failure into a
 * {@link SourceException} with a code and a message that names the camera and holds no credentials.
 */
public final class CameraHttp implements Closeable {
    /** A 401 answered this often without success is the camera's final word. */
    private static final int MAX_ATTEMPTS = 4;

    private final CameraConfig camera;
    private final HttpConnector connector;
    private final HttpAuthenticator auth;
    private final String user;

    /**
     * @param camera the camera, for messages
     * @param options its options (timeouts, TLS)
     * @param credentials the target whose user name and password authenticate every request
     */
    public CameraHttp(CameraConfig camera, HttpOptions options, HttpTarget credentials) {
        this(camera, new HttpConnector(options.connectTimeoutMillis(), options.readTimeoutMillis(),
                options.insecureTls()), credentials);
    }

    CameraHttp(CameraConfig camera, HttpConnector connector, HttpTarget credentials) {
        this.camera = camera;
        this.connector = connector;
        this.user = credentials.username();
        this.auth = new HttpAuthenticator(credentials.username(), credentials.password());
    }

    /**
     * GET with authentication. Only a 2xx response is returned; the caller closes it.
     *
     * @param target where
     * @return the response, body unread
     * @throws SourceException with {@code auth_failed}, {@code camera_unreachable}, {@code timeout},
     *         {@code stream_not_found} (404) or {@code not_a_stream} (another status or not HTTP)
     */
    public HttpResponse get(HttpTarget target) throws SourceException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse r;
            try {
                r = connector.get(target, auth.authorization("GET", target.requestTarget()).orElse(null));
            } catch (IOException e) {
                throw failure(target, e);
            }
            if (r.status() / 100 == 2) {
                auth.succeeded();
                return r;
            }
            closeQuietly(r);
            if (r.status() != 401) {
                throw statusFailure(target, r);
            }
            Outcome outcome = auth.onUnauthorized(r.headers("WWW-Authenticate"));
            if (outcome != Outcome.RETRY || attempt >= MAX_ATTEMPTS) {
                throw new SourceException(ErrorCode.AUTH_FAILED, message(target, switch (outcome) {
                    case NO_CREDENTIALS -> "asks for a user name and password, and none is configured";
                    case UNSUPPORTED -> "asks for authentication UCV cannot answer ("
                            + camera.redact(String.join("; ", r.headers("WWW-Authenticate"))) + ")";
                    default -> "refused the credentials of user '" + user + "' (HTTP 401)";
                }));
            }
        }
    }

    /** Ends the request in progress at once, from any thread; later requests fail. Idempotent. */
    @Override
    public void close() {
        connector.close();
    }

    /**
     * @param target what was asked
     * @param e a network failure
     * @return it as a coded failure
     */
    public SourceException failure(HttpTarget target, IOException e) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SocketTimeoutException) {
            return new SourceException(ErrorCode.TIMEOUT, message(target, "did not answer in time (" + cause + ")"));
        }
        if (e instanceof HttpConnector.NotHttpException) {
            return new SourceException(ErrorCode.NOT_A_STREAM, message(target, cause));
        }
        if (e instanceof SSLHandshakeException && hasCause(e, CertificateException.class)) {
            return new SourceException(ErrorCode.CAMERA_UNREACHABLE, message(target,
                    "has a TLS certificate that is not trusted (" + cause
                            + "); set the camera option insecure_tls=true to accept a self-signed one"));
        }
        if (e instanceof SSLException) {
            return new SourceException(ErrorCode.CAMERA_UNREACHABLE, message(target, "TLS failed: " + cause));
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new SourceException(ErrorCode.CAMERA_UNREACHABLE, message(target, "refused the connection or "
                    + "cannot be reached (" + cause + ")"));
        }
        if (e instanceof UnknownHostException) {
            return new SourceException(ErrorCode.CAMERA_UNREACHABLE, message(target, "unknown host (" + cause + ")"));
        }
        return new SourceException(ErrorCode.CAMERA_UNREACHABLE, message(target, "connection failed: " + cause));
    }

    /**
     * @param target what was asked
     * @param what what happened
     * @return {@code Camera '<id>': <url> <what>}, redacted
     */
    public String message(HttpTarget target, String what) {
        return camera.redact("Camera '" + camera.id() + "': " + target.display() + " " + what);
    }

    private SourceException statusFailure(HttpTarget target, HttpResponse r) {
        String status = "HTTP " + r.status() + (r.reason().isEmpty() ? "" : " " + r.reason());
        if (r.status() == 403) {
            return new SourceException(ErrorCode.AUTH_FAILED, message(target, "forbids user '" + user + "' (" + status + ")"));
        }
        if (r.status() == 404) {
            return new SourceException(ErrorCode.STREAM_NOT_FOUND, message(target, "has no such page (" + status + ")"));
        }
        if (r.status() / 100 == 3) {
            return new SourceException(ErrorCode.NOT_A_STREAM, message(target, "redirects to '"
                    + CameraConfig.maskUserInfo(r.header("Location").orElse("?")) + "' (" + status
                    + "); configure the final URL"));
        }
        if (r.status() / 100 == 5) {
            return new SourceException(ErrorCode.CAMERA_UNREACHABLE, message(target, "failed (" + status + ")"));
        }
        return new SourceException(ErrorCode.NOT_A_STREAM, message(target, "answered " + status));
    }

    private static boolean hasCause(Throwable t, Class<?> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(HttpResponse r) {
        try {
            r.close();
        } catch (IOException e) {
            // the response is done with
        }
    }
}
