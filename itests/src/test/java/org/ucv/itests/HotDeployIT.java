package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.UcvServer;
import org.ucv.itests.support.WsClient;
import org.ucv.itests.support.WsClient.Message;

/**
 * A protocol plugin comes and goes while a viewer watches: a copy of the distribution without the
 * demo plugin in bundle/ gets it through load/ (FileInstall), loses it, and gets it back.
 */
class HotDeployIT {
    private static final String DEMO_PLUGIN = "org.ucv.protocol.demo-";
    private static final Duration ANSWER = Duration.ofSeconds(10);
    /** FileInstall polls each second, then the bundle starts and the core reopens the camera. */
    private static final Duration PLUGIN_CHANGE = Duration.ofSeconds(30);

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.own("hotdeploy", UcvExtension.testJavaHome(),
            path -> path.getNameCount() == 2 && path.startsWith("bundle")
                    && path.getFileName().toString().startsWith(DEMO_PLUGIN));

    @Test
    void theDemoCameraFollowsItsPluginInAndOutOfLoad() throws IOException {
        UcvServer server = UCV.server();
        Path plugin = builtPlugin();
        Path deployed = server.home().resolve("load").resolve(plugin.getFileName());

        try (WsClient ws = WsClient.open(server, "demo")) {
            Protocol.assertConnection(ws.next(ANSWER), "demo");
            ws.send(StreamIT.start("medium", 10, "json"));
            ws.await("protocol_missing while the plugin is absent", ANSWER, Protocol::isProtocolMissing);

            deploy(plugin, deployed);
            ws.await("a frame once the plugin is in load/", PLUGIN_CHANGE, Message::isFrame);

            Files.delete(deployed);
            ws.await("protocol_missing once the plugin left load/", PLUGIN_CHANGE, Protocol::isProtocolMissing);

            deploy(plugin, deployed);
            Message frame = ws.await("frames again on the same socket", PLUGIN_CHANGE, Message::isFrame);
            assertEquals("demo", frame.json().path("camera_id").asText());
        }
    }

    /** The plugin as the distribution ships it in bundle/. */
    private static Path builtPlugin() throws IOException {
        Path bundles = Path.of(System.getProperty("ucv.distribution.dir", "../distribution/target/ucv"), "bundle");
        try (Stream<Path> files = Files.list(bundles)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(DEMO_PLUGIN)).toList();
            assertEquals(1, found.size(), "one demo plugin jar in " + bundles + ": " + found);
            return found.get(0);
        }
    }

    /** Copied next to load/ first, then moved in, so FileInstall never sees half a jar. */
    private static void deploy(Path plugin, Path deployed) throws IOException {
        Path staged = deployed.getParent().resolveSibling(plugin.getFileName() + ".staged");
        Files.copy(plugin, staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, deployed, StandardCopyOption.ATOMIC_MOVE);
    }
}
