package org.ucv.protocol.http.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ServerSocketFactory;

/**
 * A scripted HTTP server on loopback: each connection's request head is recorded and handed to
 * the handler, which writes whatever it likes. Counts connections open at once.
 */
final class FakeCamera implements AutoCloseable {
    interface Handler {
        void handle(List<String> requestHead, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Thread> handlers = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    final List<List<String>> requests = new ArrayList<>();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();

    FakeCamera(Handler handler) throws IOException {
        this(ServerSocketFactory.getDefault(), handler);
    }

    FakeCamera(ServerSocketFactory factory, Handler handler) throws IOException {
        server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> accept(handler), "fake-camera-accept");
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    synchronized List<List<String>> requests() {
        return List.copyOf(requests);
    }

    private void accept(Handler handler) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s, handler), "fake-camera-conn");
                synchronized (this) {
                    sockets.add(s);
                    handlers.add(t);
                }
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, Handler handler) {
        maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> head = new ArrayList<>();
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                head.add(line);
            }
            synchronized (this) {
                requests.add(head);
            }
            handler.handle(head, s.getOutputStream());
        } catch (IOException | InterruptedException e) {
            // the client went away or the test ended
        } finally {
            open.decrementAndGet();
        }
    }

    static String header(List<String> head, String name) {
        for (String h : head) {
            int c = h.indexOf(':');
            if (c > 0 && h.substring(0, c).equalsIgnoreCase(name)) {
                return h.substring(c + 1).trim();
            }
        }
        return null;
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void part(OutputStream out, byte[] jpeg) throws IOException {
        write(out, "--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n");
        out.write(jpeg);
        write(out, "\r\n");
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(2000);
        List<Thread> ts;
        synchronized (this) {
            for (Socket s : sockets) {
                s.close();
            }
            ts = List.copyOf(handlers);
        }
        for (Thread t : ts) {
            t.interrupt();
            t.join(2000);
        }
    }
}
