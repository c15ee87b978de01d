package org.ucv.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The built frontend (frontend/dist, packed into {@code ui/} of this bundle) and which file answers
 * which path. The page routes on the client, so a path that names no file and looks like a page
 * ({@code /}, {@code /cameras}) gets {@code index.html}; a path that looks like a file (it has an
 * extension) or lies under a server prefix ({@code /api/}, {@code /ws/}, ...) and names nothing is
 * not found. Only plain relative names are looked up, under {@code ui/} only, so no request reaches
 * any other resource of the bundle.
 */
public final class Assets {
    /** Segments of letters, digits, '.', '-', '_' not starting with a dot: no "..", no hidden files. */
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z0-9_][A-Za-z0-9._-]*/)*[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html;charset=utf-8"),
            Map.entry("js", "text/javascript;charset=utf-8"),
            Map.entry("mjs", "text/javascript;charset=utf-8"),
            Map.entry("css", "text/css;charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain;charset=utf-8"));
    /** First path segments that belong to the server, never to the page's routes. */
    private static final Set<String> SERVER_PREFIXES = Set.of("api", "ws", "system", "metrics", "health", "assets");
    /** Vite writes every bundled file here with a content hash in its name. */
    private static final String HASHED = "assets/";
    public static final String INDEX = "index.html";

    /**
     * @param data the file's bytes
     * @param contentType its HTTP content type
     * @param etag a strong entity tag of the content (quoted)
     * @param immutable whether the name carries a content hash, so it may be cached for good
     */
    public record Asset(byte[] data, String contentType, String etag, boolean immutable) {
    }

    private final String folder;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    /** The files under {@code ui/} of this bundle. */
    public Assets() {
        this("/ui/");
    }

    /** @param folder the class path folder, with leading and trailing slash */
    public Assets(String folder) {
        this.folder = folder;
    }

    /**
     * @param path the request path, e.g. {@code /}, {@code /assets/index-1a2b.js} or {@code /cameras}
     * @return the file to answer with (index.html for a page route), or empty for 404
     */
    public Optional<Asset> find(String path) {
        String name = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        if (name.isEmpty()) {
            return file(INDEX);
        }
        if (PATH.matcher(name).matches()) {
            Optional<Asset> file = file(name);
            if (file.isPresent()) {
                return file;
            }
        }
        return isPageRoute(name) ? file(INDEX) : Optional.empty();
    }

    /** A route of the page: no extension in its last segment and not under a server prefix. */
    static boolean isPageRoute(String name) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? name : name.substring(0, slash);
        if (SERVER_PREFIXES.contains(first.toLowerCase(Locale.ROOT))) {
            return false;
        }
        String last = name.substring(name.lastIndexOf('/') + 1);
        return !last.contains(".") && !name.contains("\\") && !name.contains("%") && name.indexOf('\0') < 0;
    }

    private Optional<Asset> file(String name) {
        // The jar's content is fixed for the bundle's life: each file is read once (the set of
        // names that can be looked up is bounded by what the pattern lets through and the jar has;
        // misses are not remembered, so random paths don't grow the map).
        Optional<Asset> known = cache.get(name);
        if (known != null) {
            return known;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = name.contains(".") ? TYPES.get(extension) : null;
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = Assets.class.getResourceAsStream(folder + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] data = in.readAllBytes();
            Optional<Asset> asset = Optional.of(new Asset(data, type, etag(data), name.startsWith(HASHED)));
            cache.put(name, asset);
            return asset;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + name + " from the UI bundle", e);
        }
    }

    private static String etag(byte[] data) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    /** @return the text of index.html, for tests and diagnostics */
    public String indexText() {
        return file(INDEX).map(a -> new String(a.data(), StandardCharsets.UTF_8)).orElse("");
    }
}
