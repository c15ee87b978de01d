package org.ucv.api.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The protocol plugins present now, by protocol: the one rule every consumer of
 * {@link StreamSourceFactory} services uses to pick the factory for a protocol (the core that
 * streams a camera, and the REST API and console that test it or take its snapshot), so they all
 * reach the same plugin. When two factories claim one protocol the highest {@code service.ranking}
 * wins, then the lowest {@code service.id} (the older service), as the OSGi service registry
 * would choose.
 *
 * <p>Plain Java: the caller feeds it from its service references ({@link Entry#of}). Thread-safe:
 * services come and go on the framework's threads while requests look factories up.
 */
public final class FactoryTable {
    /**
     * One factory service.
     *
     * @param factory the plugin's factory
     * @param protocols the protocols it serves
     * @param ranking its service ranking
     * @param serviceId its service id
     */
    public record Entry(StreamSourceFactory factory, Set<String> protocols, int ranking, long serviceId) {
        public Entry {
            Objects.requireNonNull(factory, "factory");
            // Kept in the order the property named them: listings show them so.
            protocols = Collections.unmodifiableSet(new LinkedHashSet<>(protocols));
        }

        /**
         * Reads a factory service's properties the way the service registry means them.
         *
         * @param factory the service
         * @param protocolProperty its {@value StreamSourceFactory#PROTOCOL_PROPERTY} property
         *        (see {@link FactoryTable#protocols(Object)})
         * @param rankingProperty its {@code service.ranking} property; 0 when not an Integer
         *        (missing or malformed, as the registry treats it)
         * @param serviceIdProperty its {@code service.id} property; {@link Long#MAX_VALUE} (the
         *        youngest) when not a Long
         * @return the entry
         */
        public static Entry of(StreamSourceFactory factory, Object protocolProperty, Object rankingProperty,
                               Object serviceIdProperty) {
            return new Entry(factory, FactoryTable.protocols(protocolProperty),
                    rankingProperty instanceof Integer r ? r : 0,
                    serviceIdProperty instanceof Long l ? l : Long.MAX_VALUE);
        }
    }

    private static final Comparator<Entry> PREFERRED = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final List<Entry> entries = new ArrayList<>();

    /** @param entry a factory service that arrived */
    public synchronized void add(Entry entry) {
        entries.add(Objects.requireNonNull(entry, "entry"));
    }

    /**
     * @param factory a factory service that left
     * @return true when the factory was known
     */
    public synchronized boolean remove(StreamSourceFactory factory) {
        return entries.removeIf(e -> e.factory() == factory);
    }

    /**
     * @param protocol a camera's protocol
     * @return the factory that serves it, if any
     */
    public synchronized Optional<StreamSourceFactory> best(String protocol) {
        return entries.stream().filter(e -> e.protocols().contains(protocol)).min(PREFERRED).map(Entry::factory);
    }

    /** @return every factory, preferred first (a copy) */
    public synchronized List<Entry> entries() {
        return entries.stream().sorted(PREFERRED).toList();
    }

    /**
     * Reads the {@value StreamSourceFactory#PROTOCOL_PROPERTY} service property.
     *
     * @param value a String, String[] or collection of strings
     * @return the protocols named, trimmed, without blanks; empty when the property is missing or
     *         of another type
     */
    public static Set<String> protocols(Object value) {
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
