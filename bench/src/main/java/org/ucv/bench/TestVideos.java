package org.ucv.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Makes the H.264 test files with Debian's ffmpeg (libx264) once, then reuses them. */
final class TestVideos {
    static final String DEBIAN_FFMPEG = "/usr/bin/ffmpeg";

    private TestVideos() {
    }

    /**
     * A camera-like stream: moving test pattern with temporal noise (sensor grain), 30 fps, one
     * IDR a second, no B-frames, Annex B (the SPS carries the frame rate, which the RTSP peer's
     * {@code file:} mount paces by).
     */
    static Path ensure(Path dir, int width, int height, int seconds) throws IOException, InterruptedException {
        return ensure(dir, width, height, seconds, 30);
    }

    /** Like {@link #ensure(Path, int, int, int)} at {@code fps}, still one IDR a second. */
    static Path ensure(Path dir, int width, int height, int seconds, int fps) throws IOException, InterruptedException {
        Path file = dir.resolve("bench-" + height + "p" + (fps == 30 ? "" : fps) + "-" + seconds + "s.h264");
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return file;
        }
        Files.createDirectories(dir);
        Path part = dir.resolve(file.getFileName() + ".part");
        Process process = new ProcessBuilder(List.of(DEBIAN_FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps + ",noise=alls=4:allf=t",
                "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "veryfast", "-g", Integer.toString(fps), "-bf", "0",
                "-pix_fmt", "yuv420p", "-f", "h264", part.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (process.waitFor() != 0) {
            throw new IOException(DEBIAN_FFMPEG + " could not make " + file + " (exit " + process.exitValue() + ")");
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
