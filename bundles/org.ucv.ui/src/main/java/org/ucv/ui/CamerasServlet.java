package org.ucv.ui;

import java.io.IOException;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraState;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.ui.internal.JsonResponse;
import org.ucv.ui.internal.CameraListJson;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/cameras}: what the page needs to list cameras. Only a stand-in for the REST API of
 * a later issue, which takes this path over; other methods get 405.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/cameras")
public final class CamerasServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient CameraRegistry registry;
    private final transient StreamService streams;

    @Activate
    public CamerasServlet(@Reference CameraRegistry registry, @Reference StreamService streams) {
        this.registry = registry;
        this.streams = streams;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonResponse.send(resp, CameraListJson.write(registry.cameras(), this::state));
    }

    private Optional<CameraState> state(String cameraId) {
        try {
            return Optional.of(streams.state(cameraId));
        } catch (StreamException e) {
            // camera_not_found, the only failure of state(): deleted since the list was read.
            return Optional.empty();
        }
    }
}
