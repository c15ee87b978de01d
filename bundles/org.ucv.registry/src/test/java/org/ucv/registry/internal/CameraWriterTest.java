package org.ucv.registry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ucv.registry.internal.CameraParserTest.props;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraWriteException;
import org.ucv.api.camera.CameraWriteException.Kind;
import org.ucv.api.spi.CameraConfig;
import org.ucv.registry.internal.CameraTableTest.Recorder;
import org.ucv.registry.internal.FakeConfigAdmin.FakeConfig;

class CameraWriterTest {
    private final CameraTable table = new CameraTable();
    private final FakeConfigAdmin cm = new FakeConfigAdmin(table);
    private final CameraWriter writer = new CameraWriter(cm, table, Duration.ofSeconds(5));

    @TempDir
    Path load;

    @AfterEach
    void stop() {
        cm.close();
    }

    private static CameraConfig.Builder rtsp(String id) {
        return CameraConfig.builder(id).name("Garage").protocol("rtsp").url("rtsp://10.0.0.5:554/s1")
                .username("viewer").password("s3cret-pw").transport("tcp").option("latency", "low");
    }

    private FakeConfig only() {
        assertEquals(1, cm.configs.size(), "configurations: " + cm.configs.keySet());
        return cm.configs.values().iterator().next();
    }

    @Test
    void createStoresTheParsersPropertiesAndAnswersOnceTheTableHasIt() throws Exception {
        Recorder r = new Recorder();
        table.addListener(r);
        CameraConfig stored = writer.create(rtsp("garage").port(8554).enabled(false).build());

        // Delivery runs on the fake's own thread: create() waited for it.
        assertEquals(Optional.of(stored), table.camera("garage"));
        FakeConfig config = only();
        assertEquals(CameraRegistry.FACTORY_PID, config.factoryPid);
        Dictionary<String, Object> p = config.getProperties();
        assertEquals("garage", p.get("id"));
        assertEquals("Garage", p.get("name"));
        assertEquals("rtsp", p.get("protocol"));
        assertEquals("rtsp://10.0.0.5:554/s1", p.get("url"));
        assertEquals(8554, p.get("port"));
        assertEquals(Boolean.FALSE, p.get("enabled"));
        assertEquals("s3cret-pw", p.get(".password"));
        assertNull(p.get("password"), "the password is stored under .password only");
        assertArrayEquals(new String[] {"latency=low"}, (String[]) p.get("options"));
        assertNull(p.get("host"), "absent values are left out");
        assertEquals(List.of("changed garage Garage"), r.calls);
    }

    @Test
    void createdValuesComeBackNormalisedAsTheTableReadsThem() throws Exception {
        CameraConfig stored = writer.create(CameraConfig.builder("d").protocol("demo").option("fps", " 5 ").build());
        assertEquals("d", stored.name(), "a camera without a name is named by its id");
        assertEquals("5", stored.option("fps").orElseThrow());
        assertEquals(Optional.of(stored), table.camera("d"));
    }

    @Test
    void anInvalidCameraIsRefusedWithItsFieldsAndNothingIsStored() {
        CameraWriteException e = assertThrows(CameraWriteException.class, () -> writer.create(
                CameraConfig.builder("x").protocol("rtsp").url("rtsp://admin:hunter22@10.0.0.5/s1").transport("quic").build()));
        assertEquals(Kind.INVALID, e.kind());
        assertEquals(java.util.Set.of("url", "transport"), e.fields().keySet());
        assertFalse(e.getMessage().contains("hunter22"), e.getMessage());
        assertTrue(cm.configs.isEmpty());
    }

    @Test
    void anIdHeldByAnotherConfigurationIsAConflict() throws Exception {
        cm.put(CameraRegistry.FACTORY_PID, props("id", "garage", "protocol", "demo",
                "felix.fileinstall.filename", "file:/x/org.ucv.camera-garage.cfg"));
        cm.settle();
        CameraWriteException e = assertThrows(CameraWriteException.class, () -> writer.create(rtsp("garage").build()));
        assertEquals(Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("'garage'"), e.getMessage());
        assertEquals(1, cm.configs.size());
    }

    @Test
    void anIdClaimedByARefusedConfigurationIsTakenToo() throws Exception {
        cm.put(CameraRegistry.FACTORY_PID, props("id", "garage", "protocol", "demo", "port", "nope"));
        cm.settle();
        assertTrue(table.camera("garage").isEmpty());
        assertEquals(Kind.CONFLICT, assertThrows(CameraWriteException.class, () -> writer.create(rtsp("garage").build())).kind());
    }

    @Test
    void anIdStoredButNotYetDeliveredIsTakenToo() throws Exception {
        cm.delivering = false;
        cm.put(CameraRegistry.FACTORY_PID, props("id", "garage", "protocol", "demo"));
        assertEquals(Kind.CONFLICT, assertThrows(CameraWriteException.class, () -> writer.create(rtsp("garage").build())).kind());
    }

    @Test
    void aWriteThatIsNotDeliveredInTimeStillAnswers() throws Exception {
        cm.delivering = false;
        CameraWriter impatient = new CameraWriter(cm, table, Duration.ofMillis(50));
        CameraConfig stored = impatient.create(rtsp("garage").build());
        assertEquals("garage", stored.id());
        assertEquals(1, cm.configs.size());
        assertTrue(table.camera("garage").isEmpty());
    }

    @Test
    void updateKeepsTheConfigurationAndWritesEveryProperty() throws Exception {
        FakeConfig original = cm.put(CameraRegistry.FACTORY_PID, props("id", "garage", "protocol", "rtsp",
                "url", "rtsp://10.0.0.5/s1", "password", "plain-old", "channel", "2",
                "felix.fileinstall.filename", "file:/x/org.ucv.camera-garage.cfg"));
        cm.settle();

        CameraConfig stored = writer.update(rtsp("garage").name("Garage 2").build());

        assertEquals(original, only(), "the same configuration (PID) is updated");
        Dictionary<String, Object> p = original.getProperties();
        assertEquals("Garage 2", p.get("name"));
        assertEquals("s3cret-pw", p.get(".password"));
        assertNull(p.get("password"), "the plain password key of a hand-written file is dropped");
        assertNull(p.get("channel"), "a value absent from the update is removed");
        assertEquals("file:/x/org.ucv.camera-garage.cfg", p.get("felix.fileinstall.filename"),
                "FileInstall's link stays, so it writes the change back into the file");
        assertEquals(Optional.of(stored), table.camera("garage"));
    }

    @Test
    void updateAndDeleteOfAnUnknownCameraAreNotFound() {
        assertEquals(Kind.NOT_FOUND, assertThrows(CameraWriteException.class, () -> writer.update(rtsp("nope").build())).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(CameraWriteException.class, () -> writer.delete("nope")).kind());
    }

    @Test
    void anInvalidUpdateChangesNothing() throws Exception {
        cm.put(CameraRegistry.FACTORY_PID, props("id", "garage", "protocol", "demo"));
        cm.settle();
        CameraWriteException e = assertThrows(CameraWriteException.class,
                () -> writer.update(CameraConfig.builder("garage").protocol("demo").port(70).host("a b").build()));
        assertEquals(Kind.INVALID, e.kind());
        assertEquals("demo", only().getProperties().get("protocol"));
        assertNull(only().getProperties().get("host"));
    }

    @Test
    void aReadOnlyConfigurationIsAStorageError() throws Exception {
        FakeConfig c = cm.put(CameraRegistry.FACTORY_PID, props("id", "garage", "protocol", "demo"));
        cm.settle();
        c.readOnly = true;
        CameraWriteException e = assertThrows(CameraWriteException.class,
                () -> writer.update(CameraConfig.builder("garage").protocol("demo").name("x").build()));
        assertEquals(Kind.STORAGE, e.kind());
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    }

    @Test
    void deleteRemovesTheConfigurationAndTheFileItCameFrom() throws Exception {
        Path file = Files.writeString(load.resolve("org.ucv.camera-garage.cfg"), "id=garage\nprotocol=demo\n");
        cm.put(CameraRegistry.FACTORY_PID, props("id", "garage", "protocol", "demo",
                "felix.fileinstall.filename", file.toUri().toString()));
        cm.settle();
        Recorder r = new Recorder();
        table.addListener(r);

        writer.delete("garage");

        assertTrue(cm.configs.isEmpty());
        assertFalse(Files.exists(file));
        assertTrue(table.camera("garage").isEmpty(), "delete() waited for the delivery");
        assertEquals(List.of("changed garage garage", "removed garage"), r.calls);
    }

    @Test
    void deleteTouchesNoFileButAConfigurationFile() throws Exception {
        Path other = Files.writeString(load.resolve("notes.txt"), "keep me");
        cm.put(CameraRegistry.FACTORY_PID, props("id", "garage", "protocol", "demo",
                "felix.fileinstall.filename", other.toUri().toString()));
        cm.settle();
        writer.delete("garage");
        assertTrue(Files.exists(other));
        assertTrue(cm.configs.isEmpty());
    }

    @Test
    void aDeletedIdCanBeTakenAgain() throws Exception {
        writer.create(rtsp("garage").build());
        writer.delete("garage");
        writer.create(rtsp("garage").name("Again").build());
        assertEquals("Again", table.camera("garage").orElseThrow().name());
    }

    @Test
    void concurrentCreatesOfOneIdStoreOneCamera() throws Exception {
        int writers = 4;
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(() -> {
                try {
                    writer.create(rtsp("garage").build());
                } catch (CameraWriteException e) {
                    if (e.kind() == Kind.CONFLICT) {
                        conflicts.incrementAndGet();
                    }
                }
            }, "ucv-test-writer-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(writers - 1, conflicts.get());
        assertEquals(1, cm.configs.size());
    }
}
