package org.ucv.web.rest.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ucv.api.spi.DiscoveryProvider;
import org.ucv.api.spi.DiscoveryProvider.DiscoveredCamera;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Asks every discovery provider at once, each on a thread of the given pool, and merges what they
 * find. A provider that overruns its timeout by more than a grace period, or fails, is reported in
 * {@code errors} and the others' cameras are still answered.
 */
public final class DiscoveryRun {
    /** A provider gets this long past its timeout to hand its answers over. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private DiscoveryRun() {
    }

    /**
     * @param providers the providers present
     * @param request the request
     * @param pool where providers run (bounded; a full pool reports the provider as busy)
     * @return {@code {"cameras":[...],"providers":N,"errors":[...]}}
     * @throws InterruptedException when interrupted
     */
    public static ObjectNode run(List<Plugins.Discovery> providers, DiscoveryRequest request, ExecutorService pool)
            throws InterruptedException {
        Map<Plugins.Discovery, Future<List<DiscoveredCamera>>> running = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (Plugins.Discovery d : providers) {
            try {
                DiscoveryProvider p = d.provider();
                running.put(d, pool.submit(() -> p.discover(request.timeout())));
            } catch (RejectedExecutionException e) {
                errors.add(d.bundle() + ": too many discoveries at once; try again");
            }
        }
        long deadline = System.nanoTime() + request.timeout().plus(GRACE).toNanos();
        Map<String, DiscoveredCamera> merged = new LinkedHashMap<>();
        for (Map.Entry<Plugins.Discovery, Future<List<DiscoveredCamera>>> e : running.entrySet()) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                List<DiscoveredCamera> found = e.getValue().get(left, TimeUnit.NANOSECONDS);
                for (DiscoveredCamera c : found == null ? List.<DiscoveredCamera>of() : found) {
                    if (request.host() == null || at(c, request.host())) {
                        merged.putIfAbsent(key(c), c);
                    }
                }
            } catch (TimeoutException x) {
                e.getValue().cancel(true);
                errors.add(e.getKey().bundle() + ": no answer within " + request.timeout().plus(GRACE).toMillis() + " ms");
            } catch (ExecutionException x) {
                errors.add(e.getKey().bundle() + ": " + x.getCause());
            }
        }
        ObjectNode root = Json.object();
        ArrayNode cameras = root.putArray("cameras");
        merged.values().forEach(c -> write(cameras.addObject(), c));
        root.put("providers", providers.size());
        ArrayNode err = root.putArray("errors");
        errors.forEach(err::add);
        return root;
    }

    /** One device announced by two providers (or twice) is listed once: by its identity, else its address. */
    private static String key(DiscoveredCamera c) {
        return c.endpoint() != null ? "endpoint " + c.endpoint() : "address " + c.address();
    }

    private static boolean at(DiscoveredCamera c, String host) {
        List<String> all = new ArrayList<>(c.addresses());
        all.add(c.address());
        for (String a : all) {
            try {
                if (a != null && host.equalsIgnoreCase(URI.create(a).getHost())) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                if (host.equalsIgnoreCase(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void write(ObjectNode o, DiscoveredCamera c) {
        o.put("protocol", c.protocol());
        o.put("address", c.address());
        o.put("name", c.name());
        o.put("brand", c.brand());
        o.put("hardware", c.hardware());
        o.put("location", c.location());
        o.put("endpoint", c.endpoint());
        ArrayNode a = o.putArray("addresses");
        c.addresses().forEach(a::add);
    }
}
