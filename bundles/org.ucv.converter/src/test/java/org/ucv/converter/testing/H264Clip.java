package org.ucv.converter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ucv.api.spi.Codec;
import org.ucv.api.spi.MediaPacket;

/** Turns an H.264 Annex B file into the packets a camera source would push. */
public final class H264Clip {
    /** 2 s, 15 fps, 320x180, an IDR with SPS/PPS every 15 frames */
    public static final String TEST_CLIP = "/testsrc2-320x180-15fps-2s.h264";

    private H264Clip() {
    }

    public static byte[] resource(String name) {
        try (InputStream in = H264Clip.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<MediaPacket> packets(Path file, int fps, boolean configSeparate) throws IOException {
        return packets(Files.readAllBytes(file), fps, configSeparate);
    }

    /**
     * @param configSeparate move SPS/PPS out of the payload into {@link MediaPacket#codecConfig()},
     *        as an RTSP source that learnt them from SDP does
     */
    public static List<MediaPacket> packets(byte[] stream, int fps, boolean configSeparate) {
        List<MediaPacket> packets = new ArrayList<>();
        long pts = 0;
        for (List<byte[]> unit : AnnexB.accessUnits(stream)) {
            List<byte[]> config = new ArrayList<>();
            List<byte[]> payload = new ArrayList<>();
            boolean keyframe = false;
            for (byte[] nal : unit) {
                int type = AnnexB.type(nal);
                keyframe |= type == AnnexB.NAL_IDR;
                boolean isConfig = type == AnnexB.NAL_SPS || type == AnnexB.NAL_PPS;
                (configSeparate && isConfig ? config : payload).add(nal);
            }
            packets.add(new MediaPacket(Codec.H264, AnnexB.join(payload), pts, System.currentTimeMillis() * 1000,
                    keyframe, config.isEmpty() ? null : AnnexB.join(config)));
            pts += 1_000_000L / fps;
        }
        return packets;
    }
}
