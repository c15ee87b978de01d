package org.ucv.console;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.metrics.MetricsService;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.FactoryTable;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.console.internal.CameraOverview;
import org.ucv.console.internal.CameraTools;
import org.ucv.console.internal.CamerasPage;
import org.ucv.console.internal.CamerasPage.Message;
import org.ucv.console.internal.KeepAlives;
import org.ucv.console.internal.PageActions;
import org.ucv.console.internal.PostGuard;
import org.ucv.console.internal.ThumbnailCache;
import org.ucv.console.internal.ToolException;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Web Console page "Cameras" ({@code /system/console/ucv-cameras}, category UCV): every camera
 * with its state and figures, a thumbnail, and Test/Start/Stop. The Web Console authenticates
 * (its security provider admits admins only) and frames the page; this class only answers.
 */
@Component(service = Servlet.class, configurationPid = "org.ucv.console", property = {
        ServletConstants.PLUGIN_LABEL + "=" + CamerasPage.LABEL,
        ServletConstants.PLUGIN_TITLE + "=Cameras",
        ServletConstants.PLUGIN_CATEGORY + "=UCV"})
@Designate(ocd = ConsoleConfig.class)
public final class CamerasPlugin extends AbstractServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CamerasPlugin.class);
    /** A small, cheap picture: the browser shows it 160 px wide. */
    private static final ViewerRequest THUMBNAIL = new ViewerRequest(Quality.LOW, 5, "jpeg", 320);
    private static final String MESSAGE_ATTRIBUTE = CamerasPlugin.class.getName() + ".message";

    private final transient CameraRegistry registry;
    private final transient StreamService streams;
    private final transient MetricsService metrics;
    private final transient FactoryTable factories = new FactoryTable();
    private final transient KeepAlives keepAlives;
    private final transient CameraTools tools;
    private final transient ThumbnailCache thumbnails;
    private final transient PageActions actions;
    private final transient PostGuard guard = new PostGuard(new SecureRandom());

    @Activate
    public CamerasPlugin(@Reference CameraRegistry registry, @Reference StreamService streams,
                         @Reference MetricsService metrics, ConsoleConfig config) {
        this.registry = registry;
        this.streams = streams;
        this.metrics = metrics;
        this.keepAlives = new KeepAlives(streams);
        this.tools = new CameraTools(registry, streams, factories, new CameraTools.Settings(
                Duration.ofSeconds(config.snapshot__timeout__seconds()), Duration.ofSeconds(config.test__timeout__seconds()),
                config.max__parallel__snapshots()));
        this.thumbnails = new ThumbnailCache(Duration.ofSeconds(config.thumbnail__cache__seconds()), System::nanoTime);
        this.actions = new PageActions(registry, tools, keepAlives);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFactory(StreamSourceFactory factory, Map<String, Object> properties) {
        factories.add(FactoryTable.Entry.of(factory, properties.get(StreamSourceFactory.PROTOCOL_PROPERTY),
                properties.get(Constants.SERVICE_RANKING), properties.get(Constants.SERVICE_ID)));
    }

    void removeFactory(StreamSourceFactory factory) {
        factories.remove(factory);
    }

    /** The keep-alive viewers are the console's: they go with it. */
    @Deactivate
    void deactivate() {
        keepAlives.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = CamerasPage.subPath(request.getPathInfo());
        if (path.startsWith(CamerasPage.SNAPSHOT_PATH)) {
            thumbnail(path.substring(CamerasPage.SNAPSHOT_PATH.length()), response);
        }
        // Anything else: no response here, so the Web Console renders the page (renderContent).
    }

    /**
     * An action. Leaving the response untouched makes the Web Console render the page next, with
     * the outcome this puts into the request.
     */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        String refusal = guard.refusal(request.getParameter(CamerasPage.PARAM_TOKEN), request.getHeader("Sec-Fetch-Site"));
        Message message;
        if (refusal != null) {
            LOG.warn("Refused a console action from {}: {}", request.getRemoteAddr(), refusal);
            message = new Message(true, refusal);
        } else {
            message = actions.perform(request.getParameter(CamerasPage.PARAM_ACTION),
                    request.getParameter(CamerasPage.PARAM_CAMERA));
        }
        request.setAttribute(MESSAGE_ATTRIBUTE, message);
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String root = (String) request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        response.getWriter().print(CamerasPage.render(
                CameraOverview.rows(registry, streams, metrics, keepAlives.held()),
                root, guard.token(), (Message) request.getAttribute(MESSAGE_ATTRIBUTE)));
    }

    private void thumbnail(String cameraId, HttpServletResponse response) throws IOException {
        if (!CameraConfig.ID_PATTERN.matcher(cameraId).matches()) {
            plain(response, HttpServletResponse.SC_NOT_FOUND, "no camera '" + cameraId + "'");
            return;
        }
        byte[] jpeg;
        try {
            jpeg = thumbnails.get(cameraId, () -> tools.snapshot(cameraId, THUMBNAIL).jpeg());
        } catch (ToolException e) {
            plain(response, status(e), e.describe());
            return;
        }
        setNoCache(response);
        response.setContentType("image/jpeg");
        response.setContentLength(jpeg.length);
        response.setStatus(HttpServletResponse.SC_OK);
        response.getOutputStream().write(jpeg);
    }

    private static int status(ToolException e) {
        return switch (e.code()) {
            case CAMERA_NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
            case TOO_MANY_VIEWERS, PROTOCOL_MISSING -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            case INVALID_PARAMS -> HttpServletResponse.SC_CONFLICT;
            case TIMEOUT -> HttpServletResponse.SC_GATEWAY_TIMEOUT;
            default -> HttpServletResponse.SC_BAD_GATEWAY;
        };
    }

    private static void plain(HttpServletResponse response, int status, String text) throws IOException {
        setNoCache(response);
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().println(text);
    }
}
