package org.ucv.web.rest.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ucv.api.spi.DiscoveryProvider;
import org.ucv.api.spi.StreamSourceFactory;

/**
 * The protocol plugins and discovery providers present now. When two factories claim one protocol
 * the higher ranking wins, then the older service (lower service id): the choice the core makes, so
 * a test or snapshot reaches the plugin that streams the camera.
 */
public final class Plugins {
    /**
     * One factory service.
     *
     * @param factory the service
     * @param protocols its {@value StreamSourceFactory#PROTOCOL_PROPERTY} values
     * @param ranking its service ranking
     * @param serviceId its service id
     * @param bundle the symbolic name of the bundle that registered it
     * @param version that bundle's version
     */
    public record Factory(StreamSourceFactory factory, Set<String> protocols, int ranking, long serviceId,
                          String bundle, String version) {
    }

    /**
     * One discovery provider service.
     *
     * @param provider the service
     * @param bundle the symbolic name of the bundle that registered it
     * @param version that bundle's version
     */
    public record Discovery(DiscoveryProvider provider, String bundle, String version) {
    }

    private static final Comparator<Factory> PREFERRED = Comparator.comparingInt(Factory::ranking).reversed()
            .thenComparingLong(Factory::serviceId);

    private final List<Factory> factories = new ArrayList<>();
    private final List<Discovery> providers = new ArrayList<>();

    public synchronized void add(Factory f) {
        factories.add(f);
    }

    public synchronized void remove(StreamSourceFactory f) {
        factories.removeIf(e -> e.factory() == f);
    }

    public synchronized void add(Discovery d) {
        providers.add(d);
    }

    public synchronized void remove(DiscoveryProvider d) {
        providers.removeIf(e -> e.provider() == d);
    }

    /** @return every factory, preferred first */
    public synchronized List<Factory> factories() {
        return factories.stream().sorted(PREFERRED).toList();
    }

    /** @return every discovery provider */
    public synchronized List<Discovery> providers() {
        return List.copyOf(providers);
    }

    /**
     * @param protocol a camera's protocol
     * @return the factory that serves it, if any
     */
    public synchronized Optional<StreamSourceFactory> best(String protocol) {
        return factories.stream().filter(e -> e.protocols().contains(protocol)).min(PREFERRED).map(Factory::factory);
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
