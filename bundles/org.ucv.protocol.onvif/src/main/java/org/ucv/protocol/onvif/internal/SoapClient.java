package org.ucv.protocol.onvif.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLException;

import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.SourceException;
import org.ucv.net.HttpAuthenticator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SOAP 1.2 over HTTP for one device and one set of credentials. Requests that need it carry a
 * WS-Security UsernameToken (PasswordDigest) whose {@code Created} is our clock plus the device's
 * clock offset, so a device with a wrong clock still accepts it; a device that answers HTTP
 * {@code 401} is answered with HTTP Digest or Basic (org.ucv.net) as well, and later requests
 * authenticate preemptively. Faults become {@link FaultException}s naming the operation, the URL
 * (without credentials) and the fault's code, subcodes and reason.
 *
 * <p>Thread-safe: the clock offset is volatile and the HTTP authenticator synchronizes itself.
 */
public final class SoapClient {
    /** Consecutive HTTP 401 answers retried for one request (a challenge, then a stale nonce). */
    private static final int MAX_401_RETRIES = 3;

    private final String label;
    private final String username;
    private final String password;
    private final HttpLite.Limits limits;
    private final Duration requestTimeout;
    private final HttpAuthenticator httpAuth;
    private volatile Duration clockOffset = Duration.ZERO;

    /**
     * @param label who the requests are for, for messages (e.g. {@code camera 'garden'})
     * @param username the user, or null for none
     * @param password the password, or null
     * @param limits connect/read timeouts, the answer size bound, TLS trust
     * @param requestTimeout the most one request may take
     */
    public SoapClient(String label, String username, String password, HttpLite.Limits limits, Duration requestTimeout) {
        this.label = label;
        this.username = username == null || username.isEmpty() ? null : username;
        this.password = password == null ? "" : password;
        this.limits = limits;
        this.requestTimeout = requestTimeout;
        this.httpAuth = new HttpAuthenticator(this.username, this.password);
    }

    /** @return the device's clock minus ours, as last measured */
    public Duration clockOffset() {
        return clockOffset;
    }

    /** @param offset the device's clock minus ours */
    public void clockOffset(Duration offset) {
        this.clockOffset = offset;
    }

    /** @return true when a user name is configured */
    public boolean hasCredentials() {
        return username != null;
    }

    /** @return the label given at construction, e.g. {@code camera 'garden'} */
    public String label() {
        return label;
    }

    /**
     * Calls one operation.
     *
     * @param url the service's address
     * @param operation the operation's name, e.g. {@code GetProfiles}: the answer must be
     *        {@code <operation>Response}
     * @param body the request element, declaring its namespaces
     * @param authenticate whether to add the WS-Security header (when a user is configured)
     * @param budget the time left and the abort
     * @return the answer element ({@code <operation>Response})
     * @throws FaultException when the device answers with a SOAP fault
     * @throws SourceException on every other failure, with the cause's code
     */
    public Element call(URI url, String operation, String body, boolean authenticate, Budget budget)
            throws SourceException {
        Budget b = budget.cap(requestTimeout);
        String where = label + ": ONVIF " + operation + " at " + CameraConfig.maskUserInfo(url.toString());
        String target = HttpLite.target(url);
        for (int attempt = 0;; attempt++) {
            String header = authenticate && username != null
                    ? Soap.usernameToken(username, password, Instant.now().plus(clockOffset), Soap.nonce()) : "";
            byte[] envelope = Soap.envelope(header, body).getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", Soap.CONTENT_TYPE);
            headers.put("User-Agent", "UCV");
            Optional<String> authorization = httpAuth.authorization("POST", target);
            authorization.ifPresent(a -> headers.put("Authorization", a));
            HttpLite.Response r = exchange(url, "POST", headers, envelope, b, where);
            if (r.status() == 401) {
                if (username == null) {
                    throw new SourceException(ErrorCode.AUTH_FAILED, where + ": the device asks for credentials"
                            + " (HTTP 401) and the camera has no username");
                }
                HttpAuthenticator.Outcome outcome = httpAuth.onUnauthorized(r.headers("WWW-Authenticate"));
                if (outcome == HttpAuthenticator.Outcome.RETRY && attempt < MAX_401_RETRIES) {
                    continue;
                }
                Optional<SoapFault> fault = faultOf(r);
                throw new SourceException(ErrorCode.AUTH_FAILED, where + ": the device refused the credentials (HTTP 401"
                        + (outcome == HttpAuthenticator.Outcome.UNSUPPORTED ? ", with no Basic or Digest challenge" : "")
                        + fault.map(f -> ", fault " + f).orElse("") + ")");
            }
            if (authorization.isPresent() && r.status() / 100 == 2) {
                httpAuth.succeeded();
            }
            return answer(r, operation, where);
        }
    }

    private Element answer(HttpLite.Response r, String operation, String where) throws SourceException {
        Element envelopeBody = null;
        String xmlProblem = null;
        if (looksLikeXml(r.body())) {
            try {
                Document doc = SafeXml.parse(r.body(), limits.maxBody());
                Element root = doc.getDocumentElement();
                if ("Envelope".equals(root.getLocalName())) {
                    envelopeBody = SafeXml.child(root, "Body").orElse(null);
                }
            } catch (SafeXml.XmlException e) {
                xmlProblem = e.getMessage();
            }
        }
        if (xmlProblem != null) {
            throw new SourceException(ErrorCode.NOT_A_STREAM, where + ": answer refused (HTTP " + r.status() + "): "
                    + xmlProblem);
        }
        if (envelopeBody != null) {
            Optional<SoapFault> fault = SoapFault.of(envelopeBody);
            if (fault.isPresent()) {
                SoapFault f = fault.get();
                throw new FaultException(FaultException.codeOf(f), where + " failed: SOAP fault " + f, f);
            }
        }
        if (r.status() / 100 != 2) {
            ErrorCode code = r.status() == 403 ? ErrorCode.AUTH_FAILED
                    : r.status() >= 500 ? ErrorCode.CAMERA_UNREACHABLE : ErrorCode.NOT_A_STREAM;
            throw new SourceException(code, where + ": HTTP " + r.status() + " " + r.reason()
                    + (r.status() == 404 ? " (no ONVIF service at this address)" : ""));
        }
        if (envelopeBody == null) {
            throw new SourceException(ErrorCode.NOT_A_STREAM, where + ": the answer is not a SOAP envelope"
                    + r.header("Content-Type").map(t -> " (Content-Type " + t + ")").orElse(""));
        }
        List<Element> content = SafeXml.children(envelopeBody);
        if (content.isEmpty() || !(operation + "Response").equals(content.get(0).getLocalName())) {
            throw new SourceException(ErrorCode.NOT_A_STREAM, where + ": unexpected answer "
                    + (content.isEmpty() ? "(an empty body)" : "<" + content.get(0).getLocalName() + ">"));
        }
        return content.get(0);
    }

    private Optional<SoapFault> faultOf(HttpLite.Response r) {
        if (!looksLikeXml(r.body())) {
            return Optional.empty();
        }
        try {
            Element root = SafeXml.parse(r.body(), limits.maxBody()).getDocumentElement();
            return SafeXml.child(root, "Body").flatMap(SoapFault::of);
        } catch (SafeXml.XmlException e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikeXml(byte[] body) {
        for (byte c : body) {
            if (c == '<') {
                return true;
            }
            // whitespace or a UTF-8 byte order mark may precede the first tag
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != (byte) 0xEF && c != (byte) 0xBB
                    && c != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    /**
     * A plain HTTP exchange with this client's limits, its failures mapped to codes.
     *
     * @param url the URL
     * @param method the method
     * @param headers the request headers
     * @param body the body, or null
     * @param budget the time left and the abort
     * @param where the message prefix naming the request
     * @return the answer
     * @throws SourceException with {@code timeout}, {@code camera_unreachable} or {@code not_a_stream}
     */
    HttpLite.Response exchange(URI url, String method, Map<String, String> headers, byte[] body, Budget budget,
                               String where) throws SourceException {
        return exchange(url, method, headers, body, limits, budget, where);
    }

    static HttpLite.Response exchange(URI url, String method, Map<String, String> headers, byte[] body,
                                      HttpLite.Limits limits, Budget budget, String where) throws SourceException {
        try {
            return HttpLite.exchange(url, method, headers, body, limits, budget);
        } catch (IOException e) {
            throw failure(e, budget, where);
        }
    }

    static SourceException failure(IOException e, Budget budget, String where) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (budget.aborted()) {
            return new SourceException(ErrorCode.TIMEOUT, where + ": aborted", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new SourceException(ErrorCode.TIMEOUT, where + ": no answer in time (" + m + ")", e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException
                || e instanceof PortUnreachableException) {
            return new SourceException(ErrorCode.CAMERA_UNREACHABLE, where + ": cannot connect ("
                    + e.getClass().getSimpleName() + ": " + m + ")", e);
        }
        if (e instanceof SSLException) {
            return new SourceException(ErrorCode.CAMERA_UNREACHABLE, where + ": TLS failed (" + m + "); for a camera"
                    + " with a self-signed certificate set option insecure_tls=true", e);
        }
        if (e instanceof HttpLite.TooLargeException || e instanceof HttpLite.NotHttpException) {
            return new SourceException(ErrorCode.NOT_A_STREAM, where + ": answer refused: " + m, e);
        }
        if (e instanceof EOFException) {
            return new SourceException(ErrorCode.CAMERA_UNREACHABLE, where + ": the connection closed early (" + m + ")", e);
        }
        return new SourceException(ErrorCode.CAMERA_UNREACHABLE, where + ": " + e.getClass().getSimpleName() + ": " + m, e);
    }

    /** @return a new authenticator for other requests to this device with the same credentials (snapshots) */
    HttpAuthenticator newHttpAuthenticator() {
        return new HttpAuthenticator(username, password);
    }

    /** @return this client's limits */
    HttpLite.Limits limits() {
        return limits;
    }
}
