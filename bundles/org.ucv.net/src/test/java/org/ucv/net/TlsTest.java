package org.ucv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real TLS server on loopback with a self-signed certificate made by the JDK's keytool. */
class TlsTest {
    private static final char[] PASS = "changeit".toCharArray();
    private static SSLServerSocket server;
    private static Thread acceptor;

    @BeforeAll
    static void selfSignedServer(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("camera.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "camera", "-keyalg", "EC", "-dname", "CN=camera.local", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASS))
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASS);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    ((SSLSocket) s).startHandshake();
                    s.getOutputStream().write('x');
                } catch (Exception e) {
                    // a refused handshake is one of the cases under test
                }
            }
        }, "tls-test-server");
        acceptor.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        acceptor.join(5000);
    }

    private static Socket connected() throws Exception {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
        plain.setSoTimeout(5000);
        return plain;
    }

    @Test
    void insecureAcceptsASelfSignedCameraAndSendsTheHostNameAsSni() throws Exception {
        try (SSLSocket ssl = Tls.over(connected(), "camera.local", server.getLocalPort(), true)) {
            assertEquals(List.of(new SNIHostName("camera.local")), ssl.getSSLParameters().getServerNames());
            ssl.startHandshake();
            assertEquals('x', ssl.getInputStream().read());
        }
    }

    @Test
    void theDefaultRefusesAnUntrustedCertificate() throws Exception {
        try (SSLSocket ssl = Tls.over(connected(), "camera.local", server.getLocalPort(), false)) {
            assertEquals("HTTPS", ssl.getSSLParameters().getEndpointIdentificationAlgorithm());
            assertThrows(SSLHandshakeException.class, ssl::startHandshake);
        }
    }

    @Test
    void anAddressIsNotSentAsSni() throws Exception {
        try (SSLSocket ssl = Tls.over(connected(), "127.0.0.1", server.getLocalPort(), true)) {
            assertTrue(ssl.getSSLParameters().getServerNames() == null
                    || ssl.getSSLParameters().getServerNames().isEmpty());
        }
    }
}
