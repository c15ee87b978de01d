package org.ucv.web.rest.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.ucv.api.spi.ErrorCode;

/**
 * Finds the {@link Route} of a request. A literal segment beats {@code {id}}, so
 * {@code POST /api/cameras/test} is the draft test while {@code GET /api/cameras/test} is the
 * camera named {@code test}.
 */
public final class Router {
    /**
     * A route with the camera id it names (null when the route has none).
     *
     * @param route the route
     * @param id the decoded camera id, or null
     */
    public record Match(Route route, String id) {
    }

    private Router() {
    }

    /**
     * @param method the request method (HEAD matches GET)
     * @param path the request path, not decoded
     * @return the route
     * @throws ApiException 404 when no route has the path, 405 (with {@code Allow}) when none has the method
     */
    public static Match match(String method, String path) throws ApiException {
        String m = "HEAD".equals(method) ? "GET" : method;
        List<String> segments = segments(path);
        Set<String> allowed = new TreeSet<>();
        Match best = null;
        int bestLiterals = -1;
        for (Route r : Route.values()) {
            String id = bind(r.segments(), segments);
            if (id == null) {
                continue;
            }
            allowed.add(r.method());
            int literals = literals(r);
            if (r.method().equals(m) && literals > bestLiterals) {
                best = new Match(r, id.isEmpty() ? null : id);
                bestLiterals = literals;
            }
        }
        if (best != null) {
            return best;
        }
        if (allowed.isEmpty()) {
            throw new ApiException(404, ErrorCode.UNKNOWN_ACTION, "no such endpoint: " + safe(path)
                    + " (see /api/openapi.json)");
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        String allow = String.join(", ", allowed);
        throw new ApiException(405, ErrorCode.UNKNOWN_ACTION, "method " + safe(method) + " is not allowed on "
                + safe(path) + "; allowed: " + allow, null, Map.of("Allow", allow));
    }

    /** @return "" for a match without an id, the id for a match with one, null for no match */
    private static String bind(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return null;
        }
        String id = "";
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String s = segments.get(i);
            if (t.equals("{id}")) {
                if (s.isEmpty()) {
                    return null;
                }
                id = URLDecoder.decode(s, StandardCharsets.UTF_8);
            } else if (!t.equals(s)) {
                return null;
            }
        }
        return id;
    }

    private static int literals(Route r) {
        return (int) r.segments().stream().filter(s -> !s.equals("{id}")).count();
    }

    private static List<String> segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return List.of(p.split("/", -1));
    }

    /** A path or method quoted in a message: short and printable. */
    static String safe(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
