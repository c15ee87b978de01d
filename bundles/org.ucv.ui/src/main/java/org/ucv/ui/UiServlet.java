package org.ucv.ui;

import java.io.IOException;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.ucv.ui.internal.Assets;
import org.ucv.ui.internal.Assets.Asset;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web frontend at {@code /} (docs/frontend.md): index.html for {@code /} and the page's own
 * routes, the built files under {@code /assets/}. Registered as the default servlet, so it also
 * answers 404 for any other path no servlet claims.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
public final class UiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /**
     * The page talks only to its own origin. ws:/wss: are listed because 'self' does not cover
     * them in every browser; blob:/data: images are snapshots and decoded frames. No inline
     * script or style (the build emits none).
     */
    static final String CSP = "default-src 'self'; img-src 'self' blob: data:; connect-src 'self' ws: wss:; "
            + "style-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
    /** Hashed names change with their content: a year, never revalidated. */
    static final String CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
    /** index.html and unhashed files: always revalidated (cheap with the ETag), so a new build shows at once. */
    static final String CACHE_REVALIDATE = "no-cache";

    private final transient Assets assets = new Assets();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        Optional<Asset> found = assets.find(path);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (found.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Asset asset = found.get();
        resp.setHeader("Cache-Control", asset.immutable() ? CACHE_IMMUTABLE : CACHE_REVALIDATE);
        resp.setHeader("ETag", asset.etag());
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setContentType(asset.contentType());
        if (matches(req.getHeader("If-None-Match"), asset.etag())) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentLength(asset.data().length);
        resp.getOutputStream().write(asset.data());
    }

    /** If-None-Match: a list of entity tags or {@code *}; weak tags (W/) match by their value. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
