package org.ucv.protocol.rtsp.internal;

import java.io.ByteArrayOutputStream;

import org.ucv.api.spi.Codec;

/**
 * Parameter sets and keyframes of H.264/H.265 in Annex B form. FFmpeg's RTSP demuxer builds the
 * stream's extradata from the SDP ({@code sprop-parameter-sets}, {@code sprop-vps/sps/pps}) already
 * as Annex B, but a demuxer may hand avcC/hvcC instead, so both are accepted.
 */
public final class AnnexB {
    private static final byte[] START_CODE = {0, 0, 0, 1};
    /** hvcC's fixed header before its NAL unit arrays. */
    private static final int HVCC_HEADER = 22;

    private AnnexB() {
    }

    /**
     * @param extradata the codec's extradata, or null
     * @param codec the stream's codec
     * @return the parameter sets as Annex B, or null when there are none (MJPEG, empty, unknown layout)
     */
    public static byte[] codecConfig(byte[] extradata, Codec codec) {
        if (extradata == null || extradata.length < 4 || codec == Codec.MJPEG) {
            return null;
        }
        if (startCodeLength(extradata, 0) > 0) {
            return extradata.clone();
        }
        if (extradata[0] != 1) {
            return null;
        }
        try {
            return codec == Codec.H264 ? fromAvcc(extradata) : fromHvcc(extradata);
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static byte[] fromAvcc(byte[] avcc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 5;
        int sps = avcc[pos++] & 0x1f;
        pos = copyNals(avcc, pos, sps, out);
        int pps = avcc[pos++] & 0xff;
        copyNals(avcc, pos, pps, out);
        return out.size() == 0 ? null : out.toByteArray();
    }

    private static byte[] fromHvcc(byte[] hvcc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = HVCC_HEADER;
        int arrays = hvcc[pos++] & 0xff;
        for (int a = 0; a < arrays; a++) {
            pos++; // array_completeness, reserved, NAL_unit_type
            int count = u16(hvcc, pos);
            pos = copyNals(hvcc, pos + 2, count, out);
        }
        return out.size() == 0 ? null : out.toByteArray();
    }

    private static int copyNals(byte[] in, int pos, int count, ByteArrayOutputStream out) {
        for (int i = 0; i < count; i++) {
            int length = u16(in, pos);
            pos += 2;
            if (pos + length > in.length) {
                throw new ArrayIndexOutOfBoundsException("NAL unit past the end");
            }
            out.writeBytes(START_CODE);
            out.write(in, pos, length);
            pos += length;
        }
        return pos;
    }

    private static int u16(byte[] b, int pos) {
        return (b[pos] & 0xff) << 8 | (b[pos + 1] & 0xff);
    }

    /**
     * @param accessUnit one access unit in Annex B
     * @param codec H.264 or H.265 (MJPEG pictures are all keyframes)
     * @return true when it holds an IDR (H.264) or IRAP (H.265) picture
     */
    public static boolean containsKeyframe(byte[] accessUnit, Codec codec) {
        if (codec == Codec.MJPEG) {
            return true;
        }
        for (int i = 0; i + 3 < accessUnit.length; i++) {
            int sc = startCodeLength(accessUnit, i);
            if (sc == 0) {
                continue;
            }
            int header = accessUnit[i + sc] & 0xff;
            if (codec == Codec.H264 ? (header & 0x1f) == 5 : isIrap((header >> 1) & 0x3f)) {
                return true;
            }
            i += sc - 1;
        }
        return false;
    }

    private static boolean isIrap(int type) {
        return type >= 16 && type <= 21;
    }

    /** @return 3 or 4 when a start code begins at {@code i} and a NAL header byte follows, else 0 */
    private static int startCodeLength(byte[] b, int i) {
        if (i + 3 < b.length && b[i] == 0 && b[i + 1] == 0) {
            if (b[i + 2] == 1) {
                return 3;
            }
            if (i + 4 < b.length && b[i + 2] == 0 && b[i + 3] == 1) {
                return 4;
            }
        }
        return 0;
    }
}
