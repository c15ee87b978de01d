package org.ucv.protocol.demo.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.StreamSource;

class DemoStreamSourceFactoryTest {
    @Test
    void opensSourcesThatDeactivateStops() throws Exception {
        DemoStreamSourceFactory factory = new DemoStreamSourceFactory();
        factory.activate();
        RecordingSink a = new RecordingSink();
        RecordingSink b = new RecordingSink();
        StreamSource sa = factory.open(CameraConfig.builder("cam-a").protocol("demo").build(), a);
        StreamSource sb = factory.open(CameraConfig.builder("cam-b").protocol("demo").option("fps", "30").build(), b);
        assertTrue(a.awaitPackets(2, 10_000));
        assertTrue(b.awaitPackets(2, 10_000));
        assertTrue(a.packets().get(0).keyframe());

        sa.close();
        factory.deactivate();
        b.sourceClosed();
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("ucv-demo-cam-") && t.isAlive()));
        assertNull(b.violation());
        sb.close();
    }
}
