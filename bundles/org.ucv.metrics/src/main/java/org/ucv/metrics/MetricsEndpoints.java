package org.ucv.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.ucv.api.auth.AuthService;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.metrics.CameraTotals;
import org.ucv.api.metrics.MetricsService;
import org.ucv.api.stream.StreamService;
import org.ucv.metrics.internal.Access;
import org.ucv.metrics.internal.CameraStatus;
import org.ucv.metrics.internal.HealthReport;
import org.ucv.metrics.internal.JvmFigures;
import org.ucv.metrics.internal.PrometheusText;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /metrics} (Prometheus text format 0.0.4) and {@code GET /health} (JSON), docs/metrics.md.
 * Both need a login (viewer is enough) unless the auth configuration opens them to the client's
 * address. A component of its own, apart from the metrics service: it needs the stream service,
 * which itself needs the metrics service.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/metrics", "/health"})
public final class MetricsEndpoints extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient AuthService auth;
    private final transient MetricsService metrics;
    private final transient StreamService streams;
    private final transient CameraRegistry registry;

    @Activate
    public MetricsEndpoints(@Reference AuthService auth, @Reference MetricsService metrics,
                            @Reference StreamService streams, @Reference CameraRegistry registry) {
        this.auth = auth;
        this.metrics = metrics;
        this.streams = streams;
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!Access.allowed(auth, req.getRemoteAddr(), sessionCookies(req), req.getHeader("Authorization"))) {
            resp.setHeader("WWW-Authenticate", Access.CHALLENGE);
            send(resp, HttpServletResponse.SC_UNAUTHORIZED, "application/json;charset=utf-8",
                    "{\"error\":{\"code\":\"unauthorized\",\"message\":\"log in first: " + req.getServletPath()
                            + " needs a session cookie or an Authorization: Bearer token of a viewer or admin\"}}");
            return;
        }
        List<CameraStatus> cameras = CameraStatus.read(registry, streams);
        if ("/health".equals(req.getServletPath())) {
            send(resp, HttpServletResponse.SC_OK, "application/json;charset=utf-8", HealthReport.json(cameras));
        } else {
            send(resp, HttpServletResponse.SC_OK, PrometheusText.CONTENT_TYPE,
                    PrometheusText.render(rows(cameras, metrics.totals()), JvmFigures.read()));
        }
    }

    /**
     * One row per camera id: the configured cameras with their state and totals, then refused
     * configurations whose id no configured camera holds (a label set must not repeat).
     */
    static List<PrometheusText.Camera> rows(List<CameraStatus> cameras, List<CameraTotals> totals) {
        Map<String, CameraTotals> byId = new HashMap<>();
        for (CameraTotals t : totals) {
            byId.put(t.cameraId(), t);
        }
        Set<String> seen = new HashSet<>();
        List<PrometheusText.Camera> rows = new ArrayList<>();
        for (CameraStatus c : cameras) {
            if (seen.add(c.cameraId())) {
                rows.add(new PrometheusText.Camera(c.cameraId(), c.state(), byId.get(c.cameraId())));
            }
        }
        return rows;
    }

    private static List<String> sessionCookies(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        List<String> values = new ArrayList<>(1);
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (AuthService.SESSION_COOKIE.equals(c.getName()) && c.getValue() != null) {
                    values.add(c.getValue());
                }
            }
        }
        return values;
    }

    private static void send(HttpServletResponse resp, int status, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(contentType);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
