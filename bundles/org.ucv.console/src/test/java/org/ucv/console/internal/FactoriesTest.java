package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.StreamSourceFactory;

class FactoriesTest {
    private final Factories factories = new Factories();

    @Test
    void findsByProtocolInAnyPropertyForm() {
        StreamSourceFactory a = FakeFactory.plain();
        StreamSourceFactory b = FakeFactory.plain();
        StreamSourceFactory c = FakeFactory.plain();
        factories.add(a, "demo", null, 1L);
        factories.add(b, new String[] {"http", " https "}, null, 2L);
        factories.add(c, List.of("rtsp"), null, 3L);
        assertSame(a, factories.find("demo").orElseThrow());
        assertSame(b, factories.find("https").orElseThrow());
        assertSame(c, factories.find("rtsp").orElseThrow());
        assertTrue(factories.find("onvif").isEmpty());
    }

    @Test
    void prefersTheHigherRankingThenTheOlderService() {
        StreamSourceFactory old = FakeFactory.plain();
        StreamSourceFactory young = FakeFactory.plain();
        StreamSourceFactory ranked = FakeFactory.plain();
        factories.add(young, "rtsp", 0, 9L);
        factories.add(old, "rtsp", null, 4L);
        assertSame(old, factories.find("rtsp").orElseThrow());
        factories.add(ranked, "rtsp", 10, 12L);
        assertSame(ranked, factories.find("rtsp").orElseThrow());
        factories.remove(ranked);
        assertSame(old, factories.find("rtsp").orElseThrow());
    }
}
