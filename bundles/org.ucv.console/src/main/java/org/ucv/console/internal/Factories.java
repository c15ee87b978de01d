package org.ucv.console.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ucv.api.spi.StreamSourceFactory;

/**
 * The protocol plugins present, to find the one that serves a camera's protocol for its optional
 * capabilities ({@code SnapshotCapable}, {@code ConnectionTester}). Picks the same factory as the
 * core: the highest {@code service.ranking}, then the oldest service.
 */
public final class Factories {
    /**
     * @param factory the plugin's factory
     * @param protocols the protocols it serves
     * @param ranking its service ranking
     * @param serviceId its service id
     */
    private record Entry(StreamSourceFactory factory, Set<String> protocols, int ranking, long serviceId) {
    }

    private static final Comparator<Entry> PREFERRED = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final List<Entry> entries = new ArrayList<>();

    /**
     * @param factory a factory service
     * @param protocolProperty its {@value StreamSourceFactory#PROTOCOL_PROPERTY} property (String,
     *        String[] or collection)
     * @param ranking its {@code service.ranking} property (0 when not an Integer)
     * @param serviceId its {@code service.id} property
     */
    public synchronized void add(StreamSourceFactory factory, Object protocolProperty, Object ranking, Object serviceId) {
        entries.add(new Entry(factory, protocols(protocolProperty), ranking instanceof Integer r ? r : 0,
                serviceId instanceof Long l ? l : Long.MAX_VALUE));
    }

    public synchronized void remove(StreamSourceFactory factory) {
        entries.removeIf(e -> e.factory() == factory);
    }

    /**
     * @param protocol a camera's protocol
     * @return the factory that serves it, if any
     */
    public synchronized Optional<StreamSourceFactory> find(String protocol) {
        return entries.stream().filter(e -> e.protocols().contains(protocol)).min(PREFERRED).map(Entry::factory);
    }

    private static Set<String> protocols(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String s) {
            out.add(s.trim());
        } else if (value instanceof String[] a) {
            for (String s : a) {
                out.add(s.trim());
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(String.valueOf(o).trim());
            }
        }
        out.remove("");
        return out;
    }
}
