package org.ucv.web.rest.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ucv.api.spi.DiscoveryProvider;
import org.ucv.api.spi.FactoryTable;
import org.ucv.api.spi.StreamSourceFactory;

/**
 * The protocol plugins and discovery providers present now. Which factory serves a protocol is
 * {@link FactoryTable}'s rule, the one the core uses, so a test or snapshot reaches the plugin
 * that streams the camera; this adds what {@code GET /api/protocols} shows of each: its bundle.
 */
public final class Plugins {
    /**
     * One factory service.
     *
     * @param entry the service and its protocols, ranking and id
     * @param bundle the symbolic name of the bundle that registered it
     * @param version that bundle's version
     */
    public record Factory(FactoryTable.Entry entry, String bundle, String version) {
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

    private final FactoryTable table = new FactoryTable();
    /** By the very entry instance the table holds, so listing needs no ranking of its own. */
    private final Map<FactoryTable.Entry, Factory> factories = new IdentityHashMap<>();
    private final List<Discovery> providers = new ArrayList<>();

    public synchronized void add(Factory f) {
        table.add(f.entry());
        factories.put(f.entry(), f);
    }

    public synchronized void remove(StreamSourceFactory f) {
        table.remove(f);
        factories.keySet().removeIf(e -> e.factory() == f);
    }

    public synchronized void add(Discovery d) {
        providers.add(d);
    }

    public synchronized void remove(DiscoveryProvider d) {
        providers.removeIf(e -> e.provider() == d);
    }

    /** @return every factory, preferred first */
    public synchronized List<Factory> factories() {
        return table.entries().stream().map(factories::get).toList();
    }

    /** @return every discovery provider */
    public synchronized List<Discovery> providers() {
        return List.copyOf(providers);
    }

    /**
     * @param protocol a camera's protocol
     * @return the factory that serves it, if any
     */
    public Optional<StreamSourceFactory> best(String protocol) {
        return table.best(protocol);
    }
}
