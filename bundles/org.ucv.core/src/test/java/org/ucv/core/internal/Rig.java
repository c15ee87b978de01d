package org.ucv.core.internal;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.StreamSourceFactory;

/** The component built by hand from doubles, as SCR would (constructor, then bind, then deactivate). */
final class Rig implements AutoCloseable {
    private static final AtomicLong SERVICE_IDS = new AtomicLong(100);

    final TestRegistry registry = new TestRegistry();
    final TestConverter converter = new TestConverter();
    final TestMetrics metrics = new TestMetrics();
    final StreamServiceComponent component;

    Rig(long lingerMs, int maxViewers) {
        this(lingerMs, maxViewers, 60);
    }

    Rig(long lingerMs, int maxViewers, int packetQueue) {
        component = new StreamServiceComponent(registry, converter, metrics, config(lingerMs, maxViewers, packetQueue));
    }

    /** Adds a camera of the given protocol. */
    CameraConfig camera(String id, String protocol) {
        CameraConfig c = CameraConfig.builder(id).protocol(protocol).url(protocol + "://example/" + id).build();
        registry.put(c);
        return c;
    }

    /** Registers a plugin for the protocol, as SCR binds it. */
    TestFactory plugin(String protocol, Codec codec) {
        TestFactory f = new TestFactory(codec);
        bind(f, protocol, 0);
        return f;
    }

    void bind(StreamSourceFactory f, String protocol, int ranking) {
        component.addFactory(f, Map.of(StreamSourceFactory.PROTOCOL_PROPERTY, new String[] {protocol},
                "service.ranking", ranking, "service.id", SERVICE_IDS.incrementAndGet()));
    }

    void unbind(StreamSourceFactory f) {
        component.removeFactory(f);
    }

    @Override
    public void close() {
        component.deactivate();
    }

    static Set<String> ucvThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("ucv-")).collect(Collectors.toSet());
    }

    static StreamServiceComponent.Config config(long lingerMs, int maxViewers, int packetQueue) {
        return new StreamServiceComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StreamServiceComponent.Config.class;
            }

            @Override
            public long linger__ms() {
                return lingerMs;
            }

            @Override
            public int max__viewers() {
                return maxViewers;
            }

            @Override
            public int packet__queue() {
                return packetQueue;
            }
        };
    }
}
