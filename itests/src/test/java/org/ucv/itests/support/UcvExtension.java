package org.ucv.itests.support;

import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Gives a test class a running distribution and appends the server's log tail to every failure.
 * {@link #shared()} is one server for all test classes of the run (started by the first class that
 * asks, stopped when the run ends); {@link #own} is a server of the class's own, stopped after it.
 */
public final class UcvExtension implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {
    private static final int LOG_LINES = 30;

    private final String name;
    private final Path javaHome;
    private final Predicate<Path> skip;
    private final boolean shared;
    private UcvServer server;

    private UcvExtension(String name, Path javaHome, Predicate<Path> skip, boolean shared) {
        this.name = name;
        this.javaHome = javaHome;
        this.skip = skip;
        this.shared = shared;
    }

    /** The distribution as built, on the Java that runs the tests. */
    public static UcvExtension shared() {
        return new UcvExtension("main", testJavaHome(), path -> false, true);
    }

    /**
     * A copy of the distribution for one test class.
     *
     * @param skip paths (relative to the distribution folder) to leave out of the copy
     */
    public static UcvExtension own(String name, Path javaHome, Predicate<Path> skip) {
        return new UcvExtension(name, javaHome, skip, false);
    }

    public static Path testJavaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    public UcvServer server() {
        if (server == null) {
            throw new IllegalStateException("the " + name + " distribution is not started");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (shared) {
            ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(UcvExtension.class));
            server = store.getOrComputeIfAbsent(name, key -> startNew(), UcvServer.class);
        } else {
            server = startNew();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!shared && server != null) {
            server.close();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLog(failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLog(failure);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLog(failure);
    }

    private UcvServer startNew() {
        UcvServer started = UcvServer.copy(name, javaHome, skip);
        try {
            started.start();
        } catch (RuntimeException | AssertionError e) {
            started.close();
            throw e;
        }
        return started;
    }

    private Throwable withLog(Throwable failure) {
        if (server == null || failure instanceof TestAbortedException) {
            return failure;
        }
        AssertionError detailed = new AssertionError(failure.getMessage() + "\n--- last " + LOG_LINES + " lines of "
                + server.log() + " ---\n" + server.logTail(LOG_LINES), failure);
        detailed.setStackTrace(failure.getStackTrace());
        return detailed;
    }
}
