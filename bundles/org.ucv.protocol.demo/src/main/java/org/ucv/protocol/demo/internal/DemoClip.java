package org.ucv.protocol.demo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.ucv.protocol.demo.internal.AccessUnitSplitter.AccessUnit;

/** The pre-encoded test clip in this bundle (see demo/README.md beside it). */
final class DemoClip {
    static final String RESOURCE = "/demo/testsrc2-640x360-15fps.h264";
    /** The rate the clip was encoded at. */
    static final double FPS = 15.0;

    private DemoClip() {
    }

    /**
     * @return the clip's access units, the first one a keyframe
     * @throws IOException when the resource is missing or holds no picture
     */
    static List<AccessUnit> load() throws IOException {
        byte[] bytes;
        try (InputStream in = DemoClip.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("demo clip " + RESOURCE + " is missing from the bundle");
            }
            bytes = in.readAllBytes();
        }
        List<AccessUnit> units = AccessUnitSplitter.split(AnnexBReader.split(bytes));
        if (units.isEmpty() || !units.get(0).keyframe()) {
            throw new IOException("demo clip " + RESOURCE + " does not start with a keyframe");
        }
        return List.copyOf(units);
    }
}
