package org.ucv.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.Codec;

class FactoryTableTest {
    @Test
    void protocolPropertyMayBeAStringAnArrayOrACollection() {
        assertEquals(Set.of("rtsp"), FactoryTable.protocols("rtsp"));
        assertEquals(Set.of("http", "https"), FactoryTable.protocols(new String[] {"http", " https "}));
        assertEquals(Set.of("a", "b"), FactoryTable.protocols(List.of("a", "b")));
        assertTrue(FactoryTable.protocols(null).isEmpty());
        assertTrue(FactoryTable.protocols(42).isEmpty());
    }

    @Test
    void higherRankingWinsThenTheOlderService() {
        FactoryTable t = new FactoryTable();
        TestFactory old = new TestFactory(Codec.H264);
        TestFactory newer = new TestFactory(Codec.H264);
        TestFactory ranked = new TestFactory(Codec.H264);
        t.add(new FactoryTable.Entry(newer, Set.of("http"), 0, 20));
        t.add(new FactoryTable.Entry(old, Set.of("http", "https"), 0, 10));
        assertSame(old, t.best("http").orElseThrow());
        t.add(new FactoryTable.Entry(ranked, Set.of("http"), 5, 30));
        assertSame(ranked, t.best("http").orElseThrow());
        assertSame(old, t.best("https").orElseThrow());
        assertTrue(t.best("rtsp").isEmpty());

        assertTrue(t.remove(ranked));
        assertSame(old, t.best("http").orElseThrow());
    }
}
