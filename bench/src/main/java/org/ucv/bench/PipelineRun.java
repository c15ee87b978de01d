package org.ucv.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.Picture;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.MediaPacket;
import org.ucv.converter.internal.FfmpegDecoder;
import org.ucv.converter.internal.JpegEncoder;

/** Our pipeline as a camera session runs it: decode each access unit, encode it as JPEG. */
final class PipelineRun {
    private PipelineRun() {
    }

    /** Runs on the calling thread and measures that thread's CPU time. */
    static Measurement run(List<MediaPacket> packets, int qscale) throws ConversionException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        int frames = 0;
        long bytes = 0;
        try (FfmpegDecoder decoder = new FfmpegDecoder("bench", Codec.H264); JpegEncoder encoder = new JpegEncoder(qscale, 0)) {
            for (MediaPacket packet : packets) {
                Picture picture = decoder.decode(packet);
                if (picture != null) {
                    bytes += encoder.encode(picture).data().length;
                    frames++;
                }
            }
        }
        return new Measurement(frames, threads.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall, bytes);
    }
}
