package org.ucv.itests.onvif;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@link NamespaceHarness} in a network namespace of its own ({@code unshare -n}, so the
 * test needs root), with only {@code lo}: up, multicast on, and a route for 239.0.0.0/8, so that
 * WS-Discovery's multicast stays on a loopback that nothing else shares. One process: {@code
 * unshare} execs {@code sh}, which execs {@code java}; it is stopped by its pid and must leave no
 * child behind.
 */
public final class Namespace {
    private static final String SETUP = "ip link set lo up && ip link set lo multicast on"
            + " && ip route add 239.0.0.0/8 dev lo && exec \"$0\" \"$@\"";
    private static final Duration STOP = Duration.ofSeconds(5);

    /** What the harness printed: its tab-separated lines, and its exit status. */
    public record Result(int exit, List<String> lines, String stderr) {
        /** @return the fields after the kind of every line of that kind */
        public List<List<String>> all(String kind) {
            List<List<String>> out = new ArrayList<>();
            for (String line : lines) {
                String[] f = line.split("\t", -1);
                if (f[0].equals(kind)) {
                    out.add(List.of(f).subList(1, f.length));
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n" + String.join("\n", lines) + (stderr.isBlank() ? "" : "\n--- stderr ---\n"
                    + stderr.substring(Math.max(0, stderr.length() - 4000)));
        }
    }

    private Namespace() {
    }

    /**
     * @param extraClassPath jars the harness needs besides the test classes (the plugin's)
     * @param timeout how long the harness may run before it is killed and the test fails
     * @param args the harness's mode and {@code key=value} arguments
     */
    public static Result run(List<Path> extraClassPath, Duration timeout, String... args) {
        Path work = Path.of(System.getProperty("ucv.work.dir", "target")).resolve("onvif-netns").toAbsolutePath();
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path out = work.resolve("harness-" + id + ".out");
        Path err = work.resolve("harness-" + id + ".err");
        List<String> command = new ArrayList<>(List.of("unshare", "-n", "sh", "-c", SETUP,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
                "-cp", classPath(extraClassPath), NamespaceHarness.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        Process process;
        try {
            Files.createDirectories(work);
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
                process.destroy();
                if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
                }
                tree.forEach(ProcessHandle::destroyForcibly);
                throw new AssertionError("the namespace harness did not finish within " + timeout.toSeconds() + " s: "
                        + read(out) + "\n" + read(err));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted", e);
        }
        if (Files.exists(Path.of("/proc", Long.toString(process.pid())))) {
            throw new AssertionError("harness pid " + process.pid() + " still listed after it exited");
        }
        return new Result(process.exitValue(), read(out).lines().toList(), read(err));
    }

    /** The test classes (this class's code source) and the jars given. */
    private static String classPath(List<Path> extra) {
        List<String> parts = new ArrayList<>();
        try {
            parts.add(Path.of(Namespace.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        extra.forEach(p -> parts.add(p.toString()));
        return String.join(File.pathSeparator, parts);
    }

    /**
     * The jars of the built distribution whose file names start with one of {@code prefixes} (in
     * {@code bundle/} and {@code boot/}); fails when a prefix matches none.
     */
    public static List<Path> distributionJars(String... prefixes) {
        Path dist = Path.of(System.getProperty("ucv.distribution.dir", "../distribution/target/ucv"));
        List<Path> jars = new ArrayList<>();
        for (String prefix : prefixes) {
            List<Path> found = new ArrayList<>();
            for (String folder : List.of("bundle", "boot")) {
                try (Stream<Path> files = Files.list(dist.resolve(folder))) {
                    files.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith(".jar")).forEach(found::add);
                } catch (IOException e) {
                    // no such folder in this layout
                }
            }
            if (found.isEmpty()) {
                throw new AssertionError("no " + prefix + "*.jar in " + dist.toAbsolutePath() + "/{bundle,boot}");
            }
            jars.addAll(found);
        }
        return jars;
    }

    /** @return whether {@code unshare -n} works here (root, or user namespaces allowed) */
    public static String unavailableBecause() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unshare -n did not finish";
            }
            return p.exitValue() == 0 ? null : "unshare -n failed: " + text.trim();
        } catch (IOException e) {
            return "no unshare: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
