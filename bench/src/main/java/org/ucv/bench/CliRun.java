package org.ucv.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ffmpeg executable doing the same work: decode the file, convert to full range, mjpeg at a
 * fixed qscale, into the null muxer; one thread for decoder, filters and encoder. Its CPU time is
 * the user + system time of the child as bash's {@code times} reports it after waiting for it.
 */
final class CliRun {
    /** ffmpeg's closing summary, e.g. "video:1234KiB" (8.x) or "video:1234kB" (5.x) */
    private static final Pattern VIDEO_SIZE = Pattern.compile("video:\\s*(\\d+)\\s*(KiB|kB)");
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");

    private CliRun() {
    }

    static Measurement run(String ffmpeg, Path input, int frames, int qscale, Path log) throws IOException, InterruptedException {
        return run(ffmpeg, List.of("-i", input.toString()), List.of(), frames, qscale, log);
    }

    /**
     * The same with other input options, e.g. {@code -rtsp_transport tcp -i rtsp://...}, and more
     * output options.
     */
    static Measurement run(String ffmpeg, List<String> input, List<String> output, int frames, int qscale, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c",
                "\"$@\" </dev/null >/dev/null 2>\"$UCV_BENCH_LOG\" || exit 1; times", "bash",
                ffmpeg, "-hide_banner", "-nostdin", "-threads", "1"));
        command.addAll(input);
        command.addAll(output);
        command.addAll(List.of("-frames:v", Integer.toString(frames), "-filter_threads", "1", "-vf", "scale=out_range=full",
                "-pix_fmt", "yuvj420p", "-threads", "1", "-c:v", "mjpeg",
                "-q:v", Integer.toString(qscale), "-qmin", Integer.toString(qscale), "-qmax", Integer.toString(qscale),
                "-f", "null", "-"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("UCV_BENCH_LOG", log.toString());
        long wall = System.nanoTime();
        Process process = builder.start();
        String out;
        try {
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(ffmpeg + " failed, see " + log);
            }
        } finally {
            // Interrupted or failed: no ffmpeg may outlive the bench.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        wall = System.nanoTime() - wall;
        String[] lines = out.strip().split("\n");
        Matcher children = TIMES.matcher(lines[lines.length - 1]);
        if (!children.find()) {
            throw new IOException("no child times in: " + out);
        }
        double seconds = Integer.parseInt(children.group(1)) * 60 + Double.parseDouble(children.group(2))
                + Integer.parseInt(children.group(3)) * 60 + Double.parseDouble(children.group(4));
        Matcher size = VIDEO_SIZE.matcher(Files.readString(log));
        long bytes = size.find() ? Long.parseLong(size.group(1)) * 1024 : -1;
        return new Measurement(frames, Math.round(seconds * 1e9), wall, bytes);
    }

    /** @return the first line of {@code ffmpeg -version} */
    static String version(String ffmpeg) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ffmpeg, "-version").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out.lines().findFirst().orElse("?");
    }
}
