package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.Role;
import org.ucv.api.camera.CameraRegistry.InvalidCamera;
import org.ucv.api.camera.CameraState;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.FactoryTable;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamService.StreamInfo;
import org.ucv.api.stream.VideoFrame;

class CommandsTest {
    private final FakeRegistry registry = new FakeRegistry()
            .add(CameraConfig.builder("demo").name("Demo camera").protocol("demo").build())
            .add(CameraConfig.builder("door").protocol("rtsp").url("rtsp://admin:s3cret@10.0.0.5/stream1")
                    .password("s3cret").build());
    private final FakeStreams streams = new FakeStreams(registry);
    private final FakeMetrics metrics = new FakeMetrics();
    private final FactoryTable factories = new FactoryTable();
    private final FakeAuth auth = new FakeAuth();
    private AuthService authService = auth;
    private final Commands commands = new Commands(registry, streams, metrics,
            new CameraTools(registry, streams, factories, new CameraTools.Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), 2)),
            () -> Optional.ofNullable(authService), () -> "Generated-Pass-1234567");

    @TempDir
    Path dir;

    CommandsTest() {
        factories.add(FactoryTable.Entry.of(FakeFactory.plain(), "demo", null, 1L));
    }

    @Test
    void camerasIsATableWithMaskedUrls() {
        streams.states.put("demo", CameraState.STREAMING);
        streams.running.add(new StreamInfo("demo", CameraState.STREAMING, 2, 1, null));
        metrics.add("demo", 14.96, 0, 30);
        assertEquals("""
                ID    NAME         PROTOCOL  STATE      VIEWERS   FPS  URL
                demo  Demo camera  demo      streaming        2  15.0  -
                door  door         rtsp      idle             0     -  rtsp://***@10.0.0.5/stream1
                """, commands.cameras());
    }

    @Test
    void camerasListsRefusedConfigurationsBelow() {
        registry.invalid.add(new InvalidCamera("org.ucv.camera~b", "demo", "id 'demo' is taken"));
        String out = commands.cameras();
        assertTrue(out.contains("\ndemo  -            -         invalid_config"), out);
        assertTrue(out.endsWith("Refused configurations:\n  org.ucv.camera~b: id 'demo' is taken\n"), out);
    }

    @Test
    void camerasSaysWhenThereAreNone() {
        registry.cameras.clear();
        assertEquals("No camera is configured.\n", commands.cameras());
    }

    @Test
    void streamsIsATableOfRunningSessions() {
        assertEquals("No stream is running.\n", commands.streams());
        streams.running.add(new StreamInfo("door", CameraState.RECONNECTING, 1, 0,
                "camera 'door': auth failed for rtsp://admin:s3cret@10.0.0.5/stream1"));
        streams.running.add(new StreamInfo("demo", CameraState.STREAMING, 3, 2, null));
        metrics.add("demo", 15, 7, 41.6);
        assertEquals("""
                CAMERA  STATE         VIEWERS  RENDITIONS   FPS  LATENCY  DROPPED  LAST ERROR
                demo    streaming           3           2  15.0    42 ms        7  -
                door    reconnecting        1           0     -        -        -  camera 'door': auth failed for rtsp://***@10.0.0.5/stream1
                """, commands.streams());
    }

    @Test
    void addCreatesTheCameraAndWaitsUntilTheRegistryListsIt() {
        String out = commands.add("yard", "demo", "-", "name=Yard", "option.fps=5");
        assertEquals("Camera 'yard' added (protocol demo).\n", out);
        CameraConfig yard = registry.camera("yard").orElseThrow();
        assertEquals("Yard", yard.name());
        assertEquals(Optional.of("5"), yard.option("fps"));
        assertTrue(registry.listeners.isEmpty(), "the listener is removed");
    }

    @Test
    void addSaysWhenTheRegistryIsLate() {
        registry.deliver = false;
        String out = commands.add("yard", "demo", "-");
        assertTrue(out.startsWith("Camera 'yard' added (protocol demo). The registry has not listed it yet"), out);
    }

    @Test
    void addPrintsValidationErrorsFieldByField() {
        registry.fieldErrors = Map.of("url", "must start with rtsp://", "port", "must be 1-65535");
        assertEquals("""
                Error: Camera 'door2' not added: invalid settings
                  port: must be 1-65535
                  url: must start with rtsp://
                """, commands.add("door2", "rtsp", "http://x", "password=s3cret"));
    }

    @Test
    void addReportsArgumentMistakesAndConflictsOnOneLine() {
        assertEquals("Error: Camera 'demo' not added: the id is taken\n", commands.add("demo", "demo", "-"));
        String bad = commands.add("Bad Id", "demo", "-");
        assertTrue(bad.startsWith("Error: camera id 'Bad Id' must match"), bad);
        assertEquals(1, bad.lines().count());
        String unknown = commands.add("x", "demo", "-", "colour=red");
        assertTrue(unknown.startsWith("Error: unknown setting 'colour'"), unknown);
    }

    @Test
    void removeDeletesTheCamera() {
        assertEquals("Camera 'door' removed.\n", commands.remove("door"));
        assertTrue(registry.camera("door").isEmpty());
        assertEquals("Error: Camera 'door' not removed: no such camera\n", commands.remove("door"));
    }

    @Test
    void testPrintsTheResultOrTheError() {
        assertEquals("demo: connection test not supported by the 'demo' plugin\n", commands.test("demo"));
        assertEquals("Error: nope: failed: camera_not_found: no camera 'nope'\n", commands.test("nope"));
    }

    @Test
    void snapshotWritesTheJpegAndPrintsItsSize() throws IOException {
        streams.onOpen = (id, viewer) -> viewer.deliver(
                new VideoFrame(FakeFactory.JPEG, "jpeg", 64, 48, Quality.HIGH, 1, 2, 1), () -> { });
        Path file = dir.resolve("demo.jpg");
        assertEquals("Wrote " + file + " (" + FakeFactory.JPEG.length + " bytes, 64x48).\n", commands.snapshot("demo", file));
        assertArrayEquals(FakeFactory.JPEG, Files.readAllBytes(file));
        assertEquals(Commands.SNAPSHOT_REQUEST, streams.sessions.get(0).request);
    }

    @Test
    void snapshotErrorsAreOneLine() {
        assertEquals("Error: nope: camera_not_found: no camera 'nope'\n", commands.snapshot("nope", dir.resolve("x.jpg")));
        streams.onOpen = (id, viewer) -> viewer.deliver(
                new VideoFrame(FakeFactory.JPEG, "jpeg", 64, 48, Quality.HIGH, 1, 2, 1), () -> { });
        String out = commands.snapshot("demo", dir.resolve("missing/x.jpg"));
        assertTrue(out.startsWith("Error: cannot write "), out);
        assertEquals(1, out.lines().count());
    }

    @Test
    void usersIsATable() {
        auth.roles.put("bob", Role.VIEWER);
        assertEquals("""
                NAME   ROLE
                admin  admin
                bob    viewer
                """, commands.users());
    }

    @Test
    void useraddGeneratesAPasswordAndPrintsItOnce() {
        assertEquals("User 'bob' (viewer) added. Password, shown only now: Generated-Pass-1234567\n",
                commands.useradd("bob", "Viewer"));
        assertEquals(Role.VIEWER, auth.roles.get("bob"));
        assertEquals("Generated-Pass-1234567", auth.passwords.get("bob"));
        assertEquals("Error: user 'bob' exists\n", commands.useradd("bob", "admin"));
        assertEquals("Error: role must be admin or viewer, was 'root'\n", commands.useradd("eve", "root"));
        assertFalse(auth.roles.containsKey("eve"));
    }

    @Test
    void passwdResetsToAGeneratedPassword() {
        String out = commands.passwd("admin");
        assertTrue(out.contains("New password, shown only now: Generated-Pass-1234567"), out);
        assertFalse(out.contains("old-admin-password"));
        assertEquals("Generated-Pass-1234567", auth.passwords.get("admin"));
        assertEquals("Error: no user 'zed'\n", commands.passwd("zed"));
    }

    @Test
    void userdelRemovesButNotTheLastAdmin() {
        auth.roles.put("bob", Role.VIEWER);
        assertEquals("User 'bob' removed.\n", commands.userdel("bob"));
        assertEquals("Error: the last admin cannot be removed\n", commands.userdel("admin"));
        assertEquals("Error: no user 'bob'\n", commands.userdel("bob"));
    }

    @Test
    void userCommandsSayWhenAuthIsMissing() {
        authService = null;
        for (String out : new String[] {commands.users(), commands.useradd("a", "viewer"), commands.passwd("a"),
                commands.userdel("a")}) {
            assertTrue(out.startsWith("Error: user management is not available"), out);
        }
    }
}
