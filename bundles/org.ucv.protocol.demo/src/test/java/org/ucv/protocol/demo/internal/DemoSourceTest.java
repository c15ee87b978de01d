package org.ucv.protocol.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ucv.protocol.demo.internal.AnnexBReaderTest.bytes;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.MediaPacket;
import org.ucv.protocol.demo.internal.AccessUnitSplitter.AccessUnit;

class DemoSourceTest {
    private static List<AccessUnit> clip;
    private final RecordingSink sink = new RecordingSink();
    private final AtomicInteger closeCallbacks = new AtomicInteger();
    private DemoSource source;

    @BeforeAll
    static void loadClip() throws Exception {
        clip = DemoClip.load();
    }

    @AfterEach
    void closeSource() {
        if (source != null) {
            source.close();
        }
    }

    private DemoSource start(String cameraId, List<AccessUnit> units, double fps) {
        source = new DemoSource(cameraId, units, fps, sink, s -> closeCallbacks.incrementAndGet());
        source.start();
        return source;
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void reportsConnectingThenStreamingThenSendsTheClipFromItsKeyframe() throws Exception {
        long before = micros(Instant.now());
        start("order", clip, 15);
        assertTrue(sink.awaitPackets(3, 10_000));
        List<RecordingSink.Call> calls = sink.calls();
        assertEquals("connecting", calls.get(0).what());
        assertEquals("streaming", calls.get(1).what());
        assertTrue(calls.subList(2, calls.size()).stream().allMatch(c -> c.what().equals("packet")));

        MediaPacket first = sink.packets().get(0);
        assertEquals(Codec.H264, first.codec());
        assertTrue(first.keyframe());
        assertSame(clip.get(0).payload(), first.payload());
        assertSame(clip.get(0).codecConfig(), first.codecConfig());
        assertEquals(0, first.ptsMicros());
        assertTrue(first.arrivalEpochMicros() >= before && first.arrivalEpochMicros() <= micros(Instant.now()));
        assertFalse(sink.packets().get(1).keyframe());
        assertNull(sink.packets().get(1).codecConfig());
    }

    @Test
    void keepsTheClipRateOnASteadySchedule() throws Exception {
        start("rate", clip, 15);
        assertTrue(sink.awaitPackets(31, 15_000));
        List<RecordingSink.Call> packets = sink.calls().stream().filter(c -> c.packet() != null).toList();
        double seconds = (packets.get(30).nanos() - packets.get(0).nanos()) / 1e9;
        // 30 periods of 1/15 s are 2 s; the schedule cannot run early, and a busy machine may lag
        assertTrue(seconds >= 1.9 && seconds < 6.0, "30 periods took " + seconds + " s");
        for (int n = 0; n <= 30; n++) {
            assertEquals(Math.round(n * 1_000_000.0 / 15), packets.get(n).packet().ptsMicros(), "pts of packet " + n);
        }
    }

    @Test
    void ptsContinueAcrossLoopsOfTheClip() throws Exception {
        List<AccessUnit> three = List.of(
                new AccessUnit(bytes(0, 0, 0, 1, 0x65, 0x88), true, bytes(0, 0, 0, 1, 0x67)),
                new AccessUnit(bytes(0, 0, 0, 1, 0x41, 0x9A), false, null),
                new AccessUnit(bytes(0, 0, 0, 1, 0x41, 0x9B), false, null));
        start("loop", three, 60);
        assertTrue(sink.awaitPackets(7, 10_000));
        List<MediaPacket> packets = sink.packets();
        for (int n = 0; n < 7; n++) {
            MediaPacket p = packets.get(n);
            assertEquals(Math.round(n * 1_000_000.0 / 60), p.ptsMicros(), "pts of packet " + n);
            assertSame(three.get(n % 3).payload(), p.payload(), "payload of packet " + n);
            assertEquals(n % 3 == 0, p.keyframe(), "keyframe flag of packet " + n);
        }
    }

    @Test
    void noSinkCallAfterCloseAndTheThreadIsGone() throws Exception {
        start("closing", clip, 60);
        assertTrue(sink.awaitPackets(5, 10_000));
        source.close();
        sink.sourceClosed();
        assertFalse(threadAlive("ucv-demo-closing"));
        int calls = sink.calls().size();
        source.close();
        assertEquals(calls, sink.calls().size());
        assertEquals(1, closeCallbacks.get());
        assertNull(sink.violation());
    }

    @Test
    void closeRightAfterOpenMakesNoLateCall() {
        DemoSource s = start("early", clip, 15);
        s.close();
        sink.sourceClosed();
        assertFalse(threadAlive("ucv-demo-early"));
        assertNull(sink.violation());
    }

    @Test
    void theSinkMayCloseTheSourceFromItsOwnThread() throws Exception {
        AtomicReference<Thread> caller = new AtomicReference<>();
        CountDownLatch closeReturned = new CountDownLatch(1);
        AtomicBoolean interruptedAfterClose = new AtomicBoolean(true);
        sink.onPacket(p -> {
            caller.set(Thread.currentThread());
            source.close();
            interruptedAfterClose.set(Thread.currentThread().isInterrupted());
            closeReturned.countDown();
        });
        start("self", clip, 15);
        assertTrue(closeReturned.await(10, TimeUnit.SECONDS));
        assertEquals("ucv-demo-self", caller.get().getName());
        assertFalse(interruptedAfterClose.get(), "close() must not interrupt the platform's code on the sink call's thread");
        caller.get().join(5000);
        assertFalse(caller.get().isAlive());
        assertEquals(1, sink.packets().size());
        assertEquals(1, closeCallbacks.get());
    }

    @Test
    void fpsOptionOrTheClipRate() {
        assertEquals(10.0, DemoSource.fps(camera("10"), 15));
        assertEquals(7.5, DemoSource.fps(camera(" 7.5 "), 15));
        assertEquals(15.0, DemoSource.fps(camera(null), 15));
        assertEquals(15.0, DemoSource.fps(camera("fast"), 15));
        assertEquals(15.0, DemoSource.fps(camera("0"), 15));
        assertEquals(15.0, DemoSource.fps(camera("61"), 15));
    }

    private static CameraConfig camera(String fps) {
        return CameraConfig.builder("demo").protocol("demo").option(DemoSource.FPS_OPTION, fps).build();
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
}
