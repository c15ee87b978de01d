package org.ucv.protocol.demo.internal;

import static org.ucv.protocol.demo.internal.AnnexBReader.NAL_AUD;
import static org.ucv.protocol.demo.internal.AnnexBReader.NAL_IDR;
import static org.ucv.protocol.demo.internal.AnnexBReader.NAL_PPS;
import static org.ucv.protocol.demo.internal.AnnexBReader.NAL_SEI;
import static org.ucv.protocol.demo.internal.AnnexBReader.NAL_SPS;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.ucv.protocol.demo.internal.AnnexBReader.Nal;

/**
 * Groups H.264 NAL units into access units (one picture each), as H.264 7.4.1.2.3 says: after a
 * picture's slices, an AUD, SEI, SPS, PPS (or types 14-18), or a slice whose first_mb_in_slice is
 * 0, starts the next access unit.
 */
final class AccessUnitSplitter {
    private static final byte[] START_CODE = {0, 0, 0, 1};

    private AccessUnitSplitter() {
    }

    /**
     * One picture as a source sends it.
     *
     * @param payload Annex B with 4-byte start codes; an IDR carries the SPS and PPS in front of
     *        its slices, so a decoder can start at any keyframe
     * @param keyframe true when it holds an IDR slice
     * @param codecConfig the SPS and PPS in force, Annex B, on keyframes; else null
     */
    record AccessUnit(byte[] payload, boolean keyframe, byte[] codecConfig) {
    }

    /**
     * @param nals NAL units in stream order
     * @return the access units; NAL units after the last picture's slices (no picture) are left out
     */
    static List<AccessUnit> split(List<Nal> nals) {
        List<AccessUnit> units = new ArrayList<>();
        List<Nal> current = new ArrayList<>();
        boolean hasSlice = false;
        Nal sps = null;
        Nal pps = null;
        for (Nal nal : nals) {
            if (hasSlice && startsAccessUnit(nal)) {
                units.add(build(current, sps, pps));
                current.clear();
                hasSlice = false;
            }
            if (nal.type() == NAL_SPS) {
                sps = nal;
            } else if (nal.type() == NAL_PPS) {
                pps = nal;
            }
            current.add(nal);
            hasSlice |= nal.vcl();
        }
        if (hasSlice) {
            units.add(build(current, sps, pps));
        }
        return units;
    }

    private static boolean startsAccessUnit(Nal nal) {
        int t = nal.type();
        return t == NAL_AUD || t == NAL_SEI || t == NAL_SPS || t == NAL_PPS || (t >= 14 && t <= 18)
                || (nal.vcl() && AnnexBReader.firstMbInSlice(nal) == 0);
    }

    private static AccessUnit build(List<Nal> nals, Nal sps, Nal pps) {
        boolean keyframe = nals.stream().anyMatch(n -> n.type() == NAL_IDR);
        if (!keyframe || sps == null || pps == null) {
            return new AccessUnit(annexB(nals), keyframe, null);
        }
        List<Nal> withConfig = new ArrayList<>(nals);
        int at = !withConfig.isEmpty() && withConfig.get(0).type() == NAL_AUD ? 1 : 0;
        if (nals.stream().noneMatch(n -> n.type() == NAL_PPS)) {
            withConfig.add(at, pps);
        }
        if (nals.stream().noneMatch(n -> n.type() == NAL_SPS)) {
            withConfig.add(at, sps);
        }
        return new AccessUnit(annexB(withConfig), true, annexB(List.of(sps, pps)));
    }

    private static byte[] annexB(List<Nal> nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Nal n : nals) {
            out.writeBytes(START_CODE);
            out.writeBytes(n.bytes());
        }
        return out.toByteArray();
    }
}
