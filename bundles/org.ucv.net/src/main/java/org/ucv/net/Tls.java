package org.ucv.net;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for camera clients: layered over a socket that is already connected, so that closing the
 * plain socket (from another thread, with the caller's own timeouts) ends the TLS one at once.
 * The host name is verified unless the camera's owner chose {@code insecure_tls} for a
 * self-signed certificate. Plain JDK code, no framework.
 */
public final class Tls {
    /** Only for {@code insecure: true}: any certificate, by the camera owner's explicit choice. */
    private static final X509TrustManager TRUST_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trusted by the camera's configuration (insecure_tls)
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private Tls() {
    }

    /**
     * Wraps a connected socket in TLS; the handshake is left to the caller (after it has set its
     * read timeout), so it can bound it like any other read.
     *
     * @param plain the connected socket; closing it closes the result
     * @param host the host name or address the user configured (checked against the certificate,
     *        and sent as SNI when it is a name)
     * @param port the port
     * @param insecure true to accept any certificate without a host name check
     * @return the TLS socket, not yet handshaken
     * @throws IOException when TLS is not available in this JVM
     */
    public static SSLSocket over(Socket plain, String host, int port, boolean insecure) throws IOException {
        SSLSocketFactory factory;
        try {
            if (insecure) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {TRUST_ALL}, null);
                factory = ctx.getSocketFactory();
            } else {
                factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
        SSLSocket ssl = (SSLSocket) factory.createSocket(plain, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        if (!insecure) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        // SNI takes host names only (an address, v4 or v6, is not sent).
        if (host.chars().anyMatch(Character::isLetter) && host.indexOf(':') < 0) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(params);
        return ssl;
    }
}
