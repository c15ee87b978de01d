package org.ucv.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's files, read from the {@code ui/} folder of the class path. Only plain file names with
 * a known type are served, so no request can reach any other resource of the bundle.
 */
public final class Assets {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8");
    private static final String FOLDER = "/ui/";

    /**
     * @param data the file's bytes
     * @param contentType its HTTP content type
     */
    public record Asset(byte[] data, String contentType) {
    }

    /**
     * @param path the request path, e.g. {@code /} or {@code /app.js}
     * @return the file, or empty when there is none by that name
     */
    public Optional<Asset> find(String path) {
        String name = path == null || path.isEmpty() || path.equals("/") ? "index.html" : path.substring(1);
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try (InputStream in = Assets.class.getResourceAsStream(FOLDER + name)) {
            return in == null ? Optional.empty() : Optional.of(new Asset(in.readAllBytes(), TYPES.get(m.group(1))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER + name + " from the UI bundle", e);
        }
    }
}
