package org.ucv.web.rest.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.ucv.api.spi.ConnectionTester;
import org.ucv.api.spi.PtzCapable;
import org.ucv.api.spi.SnapshotCapable;
import org.ucv.api.spi.StreamSourceFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/protocols}: one entry per protocol a plugin serves, with the plugin's bundle,
 * version and optional capabilities, and the discovery providers. When two plugins claim a
 * protocol both are listed; {@code active} marks the one cameras use.
 */
public final class ProtocolsJson {
    private ProtocolsJson() {
    }

    /**
     * @param factories every factory, preferred first ({@link Plugins#factories()})
     * @param providers every discovery provider
     * @return {@code {"protocols":[...],"discovery":[...]}}
     */
    public static ObjectNode write(List<Plugins.Factory> factories, List<Plugins.Discovery> providers) {
        record Row(String protocol, Plugins.Factory factory, boolean active) {
        }
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Plugins.Factory f : factories) {
            for (String p : f.entry().protocols()) {
                rows.add(new Row(p, f, seen.add(p)));
            }
        }
        rows.sort(Comparator.comparing(Row::protocol).thenComparing(r -> !r.active()));
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("protocols");
        for (Row r : rows) {
            ObjectNode o = list.addObject();
            o.put("protocol", r.protocol());
            o.put("bundle", r.factory().bundle());
            o.put("version", r.factory().version());
            ArrayNode caps = o.putArray("capabilities");
            capabilities(r.factory().entry().factory()).forEach(caps::add);
            o.put("ranking", r.factory().entry().ranking());
            o.put("active", r.active());
        }
        ArrayNode discovery = root.putArray("discovery");
        providers.stream().sorted(Comparator.comparing(Plugins.Discovery::bundle)).forEach(d -> {
            ObjectNode o = discovery.addObject();
            o.put("bundle", d.bundle());
            o.put("version", d.version());
        });
        return root;
    }

    /** @return the optional capabilities the factory implements, in a fixed order */
    public static List<String> capabilities(StreamSourceFactory f) {
        List<String> caps = new ArrayList<>();
        if (f instanceof SnapshotCapable) {
            caps.add("snapshot");
        }
        if (f instanceof ConnectionTester) {
            caps.add("test");
        }
        if (f instanceof PtzCapable) {
            caps.add("ptz");
        }
        return caps;
    }
}
