package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucv.itests.support.Await;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.UcvServer;

/** The distribution as a whole: its bundles, its components, the console's login. */
class RuntimeIT {
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Set<String> UCV_BUNDLES = Set.of("org.ucv.api", "org.ucv.net", "org.ucv.media",
            "org.ucv.converter", "org.ucv.metrics", "org.ucv.core", "org.ucv.registry", "org.ucv.protocol.demo",
            "org.ucv.protocol.rtsp", "org.ucv.protocol.http", "org.ucv.protocol.onvif", "org.ucv.auth",
            "org.ucv.web.ws", "org.ucv.web.rest", "org.ucv.console", "org.ucv.ui");

    /** The DS plugin's words for a component that works. */
    private static final Set<String> SATISFIED = Set.of("active", "satisfied");
    /** A third-party component may wait for a configuration by design; none of ours does. */
    private static final String WAITING_FOR_CONFIG = "no config";
    /** Every DS component of our bundles: each must be there and working. */
    private static final Set<String> OURS = Set.of("org.ucv.converter.FfmpegFrameConverter",
            "org.ucv.core.internal.StreamServiceComponent", "org.ucv.metrics.internal.MetricsComponent",
            "org.ucv.protocol.demo.internal.DemoStreamSourceFactory",
            "org.ucv.protocol.http.HttpStreamSourceFactory",
            "org.ucv.protocol.rtsp.internal.RtspStreamSourceFactory",
            "org.ucv.registry.internal.CameraRegistryComponent", "org.ucv.ui.UiServlet",
            "org.ucv.web.ws.StreamSocketServlet", "org.ucv.auth.AuthComponent", "org.ucv.auth.AuthServlet",
            "org.ucv.auth.ConsoleSecurityProvider", "org.ucv.console.CamerasPlugin", "org.ucv.console.UcvCommands",
            "org.ucv.web.rest.RestServlet", "org.ucv.protocol.onvif.OnvifDiscoveryProvider",
            "org.ucv.protocol.onvif.OnvifStreamSourceFactory", "org.ucv.metrics.MetricsEndpoints");

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.shared();

    @Test
    void everyBundleOfTheDistributionIsActive() throws IOException {
        UcvServer server = UCV.server();
        long jars;
        try (Stream<Path> boot = Files.list(server.home().resolve("boot"));
             Stream<Path> bundle = Files.list(server.home().resolve("bundle"))) {
            jars = Stream.concat(boot, bundle).filter(p -> p.toString().endsWith(".jar")).count();
        }
        JsonNode bundles = Await.until("every bundle active", SETTLE,
                () -> server.json("/system/console/bundles.json").path("data"),
                data -> notActive(data).isEmpty());

        assertEquals(jars + 1, bundles.size(), "one bundle per jar of boot/ and bundle/, plus the system bundle");
        Set<String> names = new TreeSet<>();
        bundles.forEach(b -> names.add(b.path("symbolicName").asText()));
        assertTrue(names.containsAll(UCV_BUNDLES), "UCV bundles missing: " + missing(UCV_BUNDLES, names));
    }

    @Test
    void everyComponentIsSatisfied() {
        UcvServer server = UCV.server();
        JsonNode components = Await.until("every DS component satisfied or active", SETTLE,
                () -> server.json("/system/console/components.json").path("data"),
                data -> unsatisfied(data).isEmpty());

        Set<String> names = new TreeSet<>();
        components.forEach(c -> names.add(c.path("name").asText()));
        assertTrue(names.containsAll(OURS), "missing UCV components: " + OURS.stream()
                .filter(name -> !names.contains(name)).toList() + " among " + names);
    }

    @Test
    void consoleRefusesTheDefaultLoginAndAcceptsTheAdmin() throws Exception {
        UcvServer server = UCV.server();
        String page = "/system/console/bundles";

        assertEquals(401, server.get(page, false).statusCode(), "no credentials");
        assertEquals(401, server.get(page, "admin", "admin").statusCode(), "admin/admin");
        assertEquals(401, server.get(page, UcvServer.ADMIN, server.adminPassword() + "x").statusCode(),
                "a wrong password");
        assertEquals(200, server.get(page, UcvServer.ADMIN, server.adminPassword()).statusCode(),
                "the admin's password (HTTP Basic)");
        assertEquals(200, server.get(page, true).statusCode(), "the admin's session cookie");
    }

    private static List<String> notActive(JsonNode bundles) {
        List<String> bad = new ArrayList<>();
        for (JsonNode bundle : bundles) {
            String state = bundle.path("state").asText();
            boolean ok = "Active".equals(state) || bundle.path("fragment").asBoolean() && "Fragment".equals(state);
            if (!ok) {
                bad.add(bundle.path("symbolicName").asText() + " is " + state);
            }
        }
        return bad;
    }

    private static List<String> unsatisfied(JsonNode components) {
        List<String> bad = new ArrayList<>();
        for (JsonNode component : components) {
            String state = component.path("state").asText();
            String name = component.path("name").asText();
            boolean thirdPartyWaiting = WAITING_FOR_CONFIG.equals(state) && !name.startsWith("org.ucv.");
            if (!SATISFIED.contains(state) && !thirdPartyWaiting) {
                bad.add(name + " is " + state);
            }
        }
        return bad;
    }

    private static Set<String> missing(Set<String> wanted, Set<String> present) {
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(present);
        return missing;
    }
}
