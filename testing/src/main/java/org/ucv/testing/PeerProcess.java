package org.ucv.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * What the peer processes of the tests and the bench ({@link RtspPeer}, the itests' motion peer)
 * share: a free loopback port, starting a process with no stdin, and stopping it by its process id
 * so that no process outlives its user: SIGTERM, a bounded wait, SIGKILL if needed, a check that
 * the pid is gone (reaped, so no zombie), then a bounded wait for its port to be free again.
 */
public final class PeerProcess {
    private static final long POLL_MILLIS = 50;

    private PeerProcess() {
    }

    /** A TCP port that was free a moment ago on loopback. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /**
     * Starts the process and closes its stdin (no peer reads it).
     *
     * @param builder the command and its redirects
     * @param what what is started, for the error
     * @return the running process
     */
    public static Process start(ProcessBuilder builder, String what) {
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + what, e);
        }
    }

    /**
     * SIGTERM, a wait of at most {@code timeout}, SIGKILL and another such wait if needed; then checks
     * that the pid is gone.
     *
     * @param process the peer
     * @param name the peer's name for the errors ("RTSP peer", "motion")
     * @param timeout each of the two waits
     * @throws AssertionError when the process survives or the wait is interrupted
     */
    public static void stop(Process process, String name, Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError(name + " pid " + process.pid() + " survived SIGKILL");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while stopping " + name, e);
        }
        // waitFor reaped it: a pid still listed would be a zombie or a stray process.
        if (ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false)
                || Files.exists(Path.of("/proc", Long.toString(process.pid())))) {
            throw new AssertionError(name + " pid " + process.pid() + " is still listed after stop");
        }
    }

    /**
     * Waits (bounded) until {@code port} can be bound on loopback again.
     *
     * @param port the peer's port
     * @param name the peer's name for the error
     * @param timeout how long to wait
     */
    public static void awaitPortFree(int port, String name, Duration timeout) {
        await("port " + port + " free after " + name + " stopped", timeout, () -> portFree(port));
    }

    private static boolean portFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Polls {@code condition} until it holds; an exception from it fails at once (it reports a
     * state that waiting does not mend, such as a peer that exited).
     *
     * @throws AssertionError after {@code timeout}, naming {@code what}, or with the condition's failure
     */
    static void await(String what, Duration timeout, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!condition.call()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }
}
