package org.ucv.itests.onvif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm {@code onvif} package (pinned by {@code onvif/package-lock.json} in the test resources) run
 * by {@code node onvif-client.js HOST PORT USER PASSWORD}: installed once per test run with
 * {@code npm ci} into {@code target/onvif-npm}, then each run prints one JSON object.
 */
public final class NpmOnvifClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "onvif-client.js");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static Path installed;

    private NpmOnvifClient() {
    }

    /** {@code npm ci} into target/onvif-npm, once; fails with what to install when node or npm is missing. */
    public static synchronized Path install() {
        if (installed != null) {
            return installed;
        }
        Path dir = Path.of(System.getProperty("ucv.work.dir", "target")).resolve("onvif-npm").toAbsolutePath();
        try {
            Files.createDirectories(dir);
            for (String file : FILES) {
                try (InputStream in = NpmOnvifClient.class.getResourceAsStream("/onvif/" + file)) {
                    if (in == null) {
                        throw new AssertionError("onvif/" + file + " is not on the test class path");
                    }
                    Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Run run = exec(List.of("npm", "ci", "--prefix", dir.toString(), "--no-audit", "--no-fund", "--loglevel=error"),
                INSTALL_TIMEOUT, "npm (Debian package npm) is needed to install the npm onvif client");
        if (run.exit() != 0) {
            throw new AssertionError("npm ci of the onvif client failed (" + run.exit() + "): " + run.output());
        }
        installed = dir;
        return dir;
    }

    /** @return the script's JSON: {@code {"error": ...}} when the client failed */
    public static JsonNode run(String host, int port, String user, String password) {
        Path dir = install();
        Run run = exec(List.of("node", dir.resolve("onvif-client.js").toString(), host, Integer.toString(port), user,
                password), RUN_TIMEOUT, "node (Debian package nodejs) is needed to run the npm onvif client");
        String out = run.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        if (out == null) {
            throw new AssertionError("the npm onvif client printed no JSON (exit " + run.exit() + "): " + run.output());
        }
        try {
            JsonNode json = JSON.readTree(out);
            if ((run.exit() == 0) == json.has("error")) {
                throw new AssertionError("exit " + run.exit() + " does not match " + out);
            }
            return json;
        } catch (IOException e) {
            throw new AssertionError("unreadable output of the npm onvif client: " + run.output(), e);
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run exec(List<String> command, Duration timeout, String missing) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("ucv-npm-onvif-", ".log");
            process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new AssertionError(missing + ": cannot run " + command.get(0) + " (" + e.getMessage() + ")", e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command.get(0) + " did not finish within " + timeout.toSeconds() + " s: "
                        + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Run(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
