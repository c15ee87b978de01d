package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucv.itests.support.Jpeg;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.WsClient;
import org.ucv.itests.support.WsClient.Message;

/** The distribution starts and streams on Java 25 too (bin/ucv picks the flags per version). */
class Java25SmokeIT {
    private static final Path JAVA_25 = Path.of(System.getProperty("ucv.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.own("java25", java25(), path -> false);

    @Test
    void startsAndStreamsTheDemoCamera() {
        try (WsClient ws = WsClient.open(UCV.server(), "demo")) {
            Protocol.assertConnection(ws.next(Duration.ofSeconds(10)), "demo");
            ws.send(StreamIT.start("medium", 10, "binary"));
            Message frame = ws.await("a frame on Java 25", Duration.ofSeconds(30), Message::isFrame);
            Protocol.assertFrame(frame, "demo", "binary", "medium", 10);
            assertTrue(Jpeg.decode(frame.jpeg()).getWidth() > 0, "picture width");
        }
    }

    private static Path java25() {
        if (!Files.isExecutable(JAVA_25.resolve("bin/java"))) {
            throw new IllegalStateException("no Java 25 at " + JAVA_25 + " (set -Ducv.java25.home)");
        }
        return JAVA_25;
    }
}
