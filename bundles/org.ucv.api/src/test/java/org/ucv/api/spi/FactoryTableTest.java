package org.ucv.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FactoryTableTest {
    /** A distinct factory each call (a non-capturing lambda could be one shared instance). */
    private static StreamSourceFactory factory() {
        return new StreamSourceFactory() {
            @Override
            public StreamSource open(CameraConfig camera, MediaSink sink) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void protocolPropertyMayBeAStringAnArrayOrACollection() {
        assertEquals(Set.of("rtsp"), FactoryTable.protocols("rtsp"));
        assertEquals(Set.of("http", "https"), FactoryTable.protocols(new String[] {"http", " https "}));
        assertEquals(Set.of("a", "b"), FactoryTable.protocols(List.of("a", "b")));
        assertTrue(FactoryTable.protocols(null).isEmpty());
        assertTrue(FactoryTable.protocols(42).isEmpty());
        assertTrue(FactoryTable.protocols(" ").isEmpty());
    }

    @Test
    void higherRankingWinsThenTheOlderService() {
        FactoryTable t = new FactoryTable();
        StreamSourceFactory old = factory();
        StreamSourceFactory newer = factory();
        StreamSourceFactory ranked = factory();
        t.add(new FactoryTable.Entry(newer, Set.of("http"), 0, 20));
        t.add(new FactoryTable.Entry(old, Set.of("http", "https"), 0, 10));
        assertSame(old, t.best("http").orElseThrow());
        t.add(new FactoryTable.Entry(ranked, Set.of("http"), 5, 30));
        assertSame(ranked, t.best("http").orElseThrow());
        assertSame(old, t.best("https").orElseThrow());
        assertTrue(t.best("rtsp").isEmpty());
        assertEquals(List.of(ranked, old, newer), t.entries().stream().map(FactoryTable.Entry::factory).toList());

        assertTrue(t.remove(ranked));
        assertFalse(t.remove(ranked));
        assertSame(old, t.best("http").orElseThrow());
    }

    @Test
    void entryOfReadsServiceProperties() {
        StreamSourceFactory a = factory();
        StreamSourceFactory b = factory();
        StreamSourceFactory c = factory();
        FactoryTable t = new FactoryTable();
        t.add(FactoryTable.Entry.of(a, "demo", null, 1L));
        t.add(FactoryTable.Entry.of(b, new String[] {"http", " https "}, null, 2L));
        t.add(FactoryTable.Entry.of(c, List.of("rtsp"), null, 3L));
        assertSame(a, t.best("demo").orElseThrow());
        assertSame(b, t.best("https").orElseThrow());
        assertSame(c, t.best("rtsp").orElseThrow());
        assertTrue(t.best("onvif").isEmpty());

        FactoryTable.Entry odd = FactoryTable.Entry.of(a, "x", "7", 4);
        assertEquals(0, odd.ranking());
        assertEquals(Long.MAX_VALUE, odd.serviceId());
        FactoryTable.Entry ranked = FactoryTable.Entry.of(a, "x", 7, 4L);
        assertEquals(7, ranked.ranking());
        assertEquals(4L, ranked.serviceId());
    }

    @Test
    void aMissingIdCountsAsTheYoungest() {
        FactoryTable t = new FactoryTable();
        StreamSourceFactory young = factory();
        StreamSourceFactory old = factory();
        t.add(FactoryTable.Entry.of(young, "rtsp", 0, null));
        t.add(FactoryTable.Entry.of(old, "rtsp", null, 4L));
        assertSame(old, t.best("rtsp").orElseThrow());
    }
}
