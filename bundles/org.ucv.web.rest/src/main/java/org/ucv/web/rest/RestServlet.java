package org.ucv.web.rest;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.ucv.api.auth.AuthService;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.metrics.MetricsService;
import org.ucv.api.spi.DiscoveryProvider;
import org.ucv.api.spi.FactoryTable;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.api.stream.StreamService;
import org.ucv.web.rest.internal.ApiException;
import org.ucv.web.rest.internal.ApiRequest;
import org.ucv.web.rest.internal.ApiResponse;
import org.ucv.web.rest.internal.BodyReader;
import org.ucv.web.rest.internal.Plugins;
import org.ucv.web.rest.internal.RestApi;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/*} (docs/rest.md): hands every request to {@link RestApi}. The login endpoints of the
 * auth bundle are registered with exact patterns, which the whiteboard matches before this prefix.
 */
@Component(service = Servlet.class, configurationPid = RestServlet.PID)
@Designate(ocd = RestServlet.Config.class)
@HttpWhiteboardServletPattern("/api/*")
public final class RestServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String PID = "org.ucv.web.rest";
    /** Discoveries that may run at once, each provider on a thread of its own. */
    private static final int DISCOVERY_THREADS = 8;
    /** The most of a refused body read off so the client sees its 413 (see BodyReader.drain). */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    @ObjectClassDefinition(id = PID, name = "UCV REST API", description = "The REST API under /api (docs/rest.md).")
    public @interface Config {
        @AttributeDefinition(name = "Largest request body (bytes)", min = "1024", max = "16777216",
                description = "A larger body is refused with 413 before anything is stored.")
        int max__body__bytes() default 1024 * 1024;

        @AttributeDefinition(name = "Camera timeout (seconds)", min = "1", max = "120",
                description = "The most a connection test, a snapshot or a PTZ call may take.")
        int camera__timeout__seconds() default 10;

        @AttributeDefinition(name = "Longest discovery (ms)", min = "100", max = "60000",
                description = "The longest timeout_ms a POST /api/discovery may ask for.")
        int discovery__max__ms() default 10000;
    }

    private final transient Plugins plugins = new Plugins();
    private final transient ExecutorService discoveryPool;
    private final transient RestApi api;

    @Activate
    public RestServlet(@Reference CameraRegistry registry, @Reference StreamService streams,
                       @Reference MetricsService metrics, @Reference AuthService auth, Config config) {
        AtomicInteger n = new AtomicInteger();
        // No queue: a discovery that finds every thread busy is told so instead of waiting unseen.
        this.discoveryPool = new ThreadPoolExecutor(0, DISCOVERY_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "ucv-rest-discovery-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.api = new RestApi(registry, streams, metrics, auth, plugins, discoveryPool, new RestApi.Settings(
                config.max__body__bytes(), Duration.ofSeconds(config.camera__timeout__seconds()),
                Duration.ofMillis(config.discovery__max__ms())));
    }

    @Deactivate
    void stop() {
        discoveryPool.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeFactory")
    void addFactory(StreamSourceFactory factory, ServiceReference<StreamSourceFactory> ref) {
        FactoryTable.Entry entry = FactoryTable.Entry.of(factory,
                ref.getProperty(StreamSourceFactory.PROTOCOL_PROPERTY), ref.getProperty(Constants.SERVICE_RANKING),
                ref.getProperty(Constants.SERVICE_ID));
        plugins.add(new Plugins.Factory(entry, ref.getBundle().getSymbolicName(),
                ref.getBundle().getVersion().toString()));
    }

    void removeFactory(StreamSourceFactory factory) {
        plugins.remove(factory);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeDiscovery")
    void addDiscovery(DiscoveryProvider provider, ServiceReference<DiscoveryProvider> ref) {
        plugins.add(new Plugins.Discovery(provider, ref.getBundle().getSymbolicName(),
                ref.getBundle().getVersion().toString()));
    }

    void removeDiscovery(DiscoveryProvider provider) {
        plugins.remove(provider);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ApiResponse r = api.handle(new Request(req));
        resp.setStatus(r.status());
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        r.headers().forEach(resp::setHeader);
        if (r.contentType() != null) {
            resp.setContentType(r.contentType());
            resp.setContentLength(r.body().length);
            if (!"HEAD".equals(req.getMethod())) {
                resp.getOutputStream().write(r.body());
            }
        }
    }

    /** The servlet request as {@link RestApi} reads it. */
    private record Request(HttpServletRequest req) implements ApiRequest {
        @Override
        public String method() {
            return req.getMethod();
        }

        @Override
        public String path() {
            return req.getRequestURI().substring(req.getContextPath().length());
        }

        @Override
        public String header(String name) {
            return req.getHeader(name);
        }

        @Override
        public String cookie(String name) {
            Cookie[] cookies = req.getCookies();
            if (cookies != null) {
                for (Cookie c : cookies) {
                    if (name.equals(c.getName())) {
                        return c.getValue();
                    }
                }
            }
            return null;
        }

        @Override
        public String scheme() {
            return req.getScheme();
        }

        @Override
        public byte[] body(int limit) throws ApiException {
            try {
                return BodyReader.read(req.getInputStream(), req.getContentLengthLong(), limit);
            } catch (ApiException e) {
                // A client that asked "Expect: 100-continue" has sent nothing yet and waits for the
                // answer; any other one is mid-upload: read off the rest so it gets to see the 413.
                if (e.status() == 413 && !"100-continue".equalsIgnoreCase(req.getHeader("Expect"))) {
                    try {
                        BodyReader.drain(req.getInputStream(), DRAIN_LIMIT);
                    } catch (IOException ignored) {
                        // the connection is closed after the answer anyway
                    }
                }
                throw e;
            } catch (IOException e) {
                throw ApiException.invalidJson("the request body could not be read (" + e.getClass().getSimpleName() + ")");
            }
        }
    }
}
