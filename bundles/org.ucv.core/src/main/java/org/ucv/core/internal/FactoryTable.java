package org.ucv.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ucv.api.spi.StreamSourceFactory;

/**
 * The protocol plugins present now, by protocol. When two claim one protocol the higher ranking
 * wins, then the older service (lower service id), as the OSGi service registry would choose.
 */
public final class FactoryTable {
    /**
     * @param factory the plugin's factory
     * @param protocols the protocols it serves
     * @param ranking its service ranking
     * @param serviceId its service id
     */
    public record Entry(StreamSourceFactory factory, Set<String> protocols, int ranking, long serviceId) {
    }

    private static final Comparator<Entry> PREFERRED = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(Entry entry) {
        entries.add(entry);
    }

    /** @return true when the factory was known */
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

    /**
     * Reads the {@value StreamSourceFactory#PROTOCOL_PROPERTY} service property.
     *
     * @param value a String, String[] or collection of strings
     * @return the protocols named, empty when the property is missing or of another type
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
