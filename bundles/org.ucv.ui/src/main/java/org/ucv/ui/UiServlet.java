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
 * The minimal page at {@code /} (the real frontend replaces it later). Registered as the default
 * servlet, so it also answers 404 for any path no other servlet claims.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
public final class UiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The page talks only to its own origin; ws:/wss: because 'self' does not cover them in every browser. */
    private static final String CSP = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final transient Assets assets = new Assets();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        Optional<Asset> asset = assets.find(path);
        if (asset.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType(asset.get().contentType());
        resp.setHeader("Cache-Control", "no-cache");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setContentLength(asset.get().data().length);
        resp.getOutputStream().write(asset.get().data());
    }
}
