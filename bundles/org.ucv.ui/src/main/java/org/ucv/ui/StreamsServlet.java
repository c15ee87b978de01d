package org.ucv.ui;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.ucv.api.metrics.MetricsService;
import org.ucv.api.stream.StreamService;
import org.ucv.ui.internal.JsonResponse;
import org.ucv.ui.internal.StreamListJson;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/streams}: the running camera sessions and their figures (decoders opened,
 * packets, fps, health). Read-only like {@code /api/cameras}, and a stand-in for the REST API of a
 * later issue, which takes this path over; other methods get 405.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/streams")
public final class StreamsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient StreamService streams;
    private final transient MetricsService metrics;

    @Activate
    public StreamsServlet(@Reference StreamService streams, @Reference MetricsService metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonResponse.send(resp, StreamListJson.write(streams.streams(), metrics.streams()));
    }
}
