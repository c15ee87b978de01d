package org.ucv.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ucv.registry.internal.CameraParserTest.props;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucv.api.camera.CameraListener;
import org.ucv.api.camera.CameraRegistry.InvalidCamera;
import org.ucv.api.spi.CameraConfig;

class CameraTableTest {
    private final CameraTable table = new CameraTable();

    /** Records calls as "changed id name" and "removed id". */
    static final class Recorder implements CameraListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void cameraChanged(CameraConfig camera) {
            calls.add("changed " + camera.id() + " " + camera.name());
        }

        @Override
        public void cameraRemoved(String cameraId) {
            calls.add("removed " + cameraId);
        }
    }

    private static List<String> ids(List<CameraConfig> cameras) {
        return cameras.stream().map(CameraConfig::id).toList();
    }

    @Test
    void addChangeAndDelete() {
        Recorder r = new Recorder();
        table.addListener(r);
        table.update("pid-1", props("id", "demo", "name", "One", "protocol", "demo"));
        table.update("pid-1", props("id", "demo", "name", "One", "protocol", "demo"));
        table.update("pid-1", props("id", "demo", "name", "Two", "protocol", "demo"));
        assertEquals("Two", table.camera("demo").orElseThrow().name());
        table.delete("pid-1");
        table.delete("pid-unknown");

        assertEquals(List.of("changed demo One", "changed demo Two", "removed demo"), r.calls);
        assertTrue(table.cameras().isEmpty());
        assertTrue(table.camera("demo").isEmpty());
    }

    @Test
    void aChangeIsDeliveredAtOnceNotWithTheNextChange() {
        Recorder r = new Recorder();
        table.addListener(r);
        table.update("pid-1", props("id", "demo", "name", "One", "protocol", "demo"));
        table.update("pid-1", props("id", "demo", "name", "Two", "protocol", "demo"));
        assertEquals(List.of("changed demo One", "changed demo Two"), r.calls);
    }

    @Test
    void camerasAreSortedById() {
        table.update("p1", props("id", "zulu", "protocol", "demo"));
        table.update("p2", props("id", "alpha", "protocol", "demo"));
        table.update("p3", props("id", "mike", "protocol", "demo"));
        assertEquals(List.of("alpha", "mike", "zulu"), ids(table.cameras()));
    }

    @Test
    void aSecondConfigurationWithATakenIdIsRefused() {
        Recorder r = new Recorder();
        table.addListener(r);
        table.update("pid-a", props("id", "cam", "name", "A", "protocol", "demo"));
        table.update("pid-b", props("id", "cam", "name", "B", "protocol", "demo"));

        assertEquals("A", table.camera("cam").orElseThrow().name());
        List<InvalidCamera> invalid = table.invalid();
        assertEquals(1, invalid.size());
        assertEquals("pid-b", invalid.get(0).pid());
        assertEquals("cam", invalid.get(0).id());
        assertTrue(invalid.get(0).reason().contains("pid-a"), invalid.get(0).reason());
        assertEquals(List.of("changed cam A"), r.calls);
    }

    @Test
    void deletingTheHolderGivesTheIdToTheFirstWaitingConfiguration() {
        Recorder r = new Recorder();
        table.update("pid-a", props("id", "cam", "name", "A", "protocol", "demo"));
        table.update("pid-c", props("id", "cam", "name", "C", "protocol", "demo"));
        table.update("pid-b", props("id", "cam", "name", "B", "protocol", "demo"));
        table.addListener(r);

        table.delete("pid-a");
        assertEquals("C", table.camera("cam").orElseThrow().name());
        assertEquals(List.of("pid-b"), table.invalid().stream().map(InvalidCamera::pid).toList());
        assertEquals(List.of("changed cam A", "removed cam", "changed cam C"), r.calls);

        table.delete("pid-c");
        assertEquals("B", table.camera("cam").orElseThrow().name());
        assertTrue(table.invalid().isEmpty());
    }

    @Test
    void movingTheHolderToAnotherIdFreesTheOldOne() {
        Recorder r = new Recorder();
        table.addListener(r);
        table.update("pid-a", props("id", "cam", "name", "A", "protocol", "demo"));
        table.update("pid-b", props("id", "cam", "name", "B", "protocol", "demo"));
        table.update("pid-a", props("id", "other", "name", "A", "protocol", "demo"));

        assertEquals(List.of("cam", "other"), ids(table.cameras()));
        assertEquals("B", table.camera("cam").orElseThrow().name());
        assertEquals(List.of("changed cam A", "removed cam", "changed other A", "changed cam B"), r.calls);
    }

    @Test
    void aWaitingConfigurationDoesNotTakeTheIdWhileItsHolderIsUpdated() {
        table.update("pid-a", props("id", "cam", "name", "A", "protocol", "demo"));
        table.update("pid-b", props("id", "cam", "name", "B", "protocol", "demo"));
        table.update("pid-a", props("id", "cam", "name", "A2", "protocol", "demo"));
        assertEquals("A2", table.camera("cam").orElseThrow().name());
        assertEquals(List.of("pid-b"), table.invalid().stream().map(InvalidCamera::pid).toList());
    }

    @Test
    void invalidValuesAreRefusedWithPidAndField() {
        table.update("pid-port", props("id", "a", "protocol", "rtsp", "port", 70000));
        table.update("pid-id", props("id", "Bad Id", "protocol", "rtsp"));
        table.update("pid-proto", props("id", "c"));

        assertTrue(table.cameras().isEmpty());
        List<InvalidCamera> invalid = table.invalid();
        assertEquals(List.of("pid-id", "pid-port", "pid-proto"), invalid.stream().map(InvalidCamera::pid).toList());
        assertEquals(null, invalid.get(0).id());
        assertTrue(invalid.get(0).reason().contains("'id'"));
        assertEquals("a", invalid.get(1).id());
        assertTrue(invalid.get(1).reason().contains("'port'"));
        assertEquals("c", invalid.get(2).id());
        assertTrue(invalid.get(2).reason().contains("'protocol'"));

        table.delete("pid-port");
        assertEquals(2, table.invalid().size());
    }

    @Test
    void aValidCameraThatTurnsInvalidIsRemoved() {
        Recorder r = new Recorder();
        table.addListener(r);
        table.update("pid-a", props("id", "cam", "protocol", "demo"));
        table.update("pid-a", props("id", "cam", "protocol", "demo", "port", "abc"));
        assertTrue(table.cameras().isEmpty());
        assertEquals(1, table.invalid().size());
        table.update("pid-a", props("id", "cam", "protocol", "demo"));
        assertEquals(List.of("changed cam cam", "removed cam", "changed cam cam"), r.calls);
        assertTrue(table.invalid().isEmpty());
    }

    @Test
    void aLateListenerHearsOfEveryCameraFirst() {
        table.update("p1", props("id", "b", "protocol", "demo"));
        table.update("p2", props("id", "a", "protocol", "demo"));
        table.update("p3", props("id", "bad id", "protocol", "demo"));
        Recorder early = new Recorder();
        table.addListener(early);
        Recorder late = new Recorder();
        table.addListener(late);
        table.addListener(late);
        table.update("p4", props("id", "c", "protocol", "demo"));

        assertEquals(List.of("changed a a", "changed b b", "changed c c"), late.calls);
        assertEquals(List.of("changed a a", "changed b b", "changed c c"), early.calls);
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        Recorder before = new Recorder();
        Recorder after = new Recorder();
        table.addListener(before);
        table.addListener(new CameraListener() {
            @Override
            public void cameraChanged(CameraConfig camera) {
                throw new IllegalStateException("listener bug (expected by the test)");
            }

            @Override
            public void cameraRemoved(String cameraId) {
                throw new IllegalStateException("listener bug (expected by the test)");
            }
        });
        table.addListener(after);
        table.update("p1", props("id", "a", "protocol", "demo"));
        table.delete("p1");
        assertEquals(List.of("changed a a", "removed a"), before.calls);
        assertEquals(List.of("changed a a", "removed a"), after.calls);
    }

    @Test
    void aRemovedListenerHearsNoMore() {
        Recorder r = new Recorder();
        table.addListener(r);
        table.update("p1", props("id", "a", "protocol", "demo"));
        table.removeListener(r);
        table.delete("p1");
        assertEquals(List.of("changed a a"), r.calls);
    }

    @Test
    void aListenerMayCallBackIntoTheTable() {
        List<String> seen = new ArrayList<>();
        table.addListener(new CameraListener() {
            @Override
            public void cameraChanged(CameraConfig camera) {
                seen.add(camera.id() + " " + ids(table.cameras()));
                if (camera.id().equals("a")) {
                    table.update("p2", props("id", "b", "protocol", "demo"));
                    seen.add("after update");
                }
            }

            @Override
            public void cameraRemoved(String cameraId) {
                seen.add("removed " + cameraId);
            }
        });
        table.update("p1", props("id", "a", "protocol", "demo"));
        // the nested change is delivered after the outer call returns, never inside it
        assertEquals(List.of("a [a]", "after update", "b [a, b]"), seen);
    }

    @Test
    void listenersRunOutsideTheTableLock() throws Exception {
        List<Boolean> readable = new ArrayList<>();
        table.addListener(new CameraListener() {
            @Override
            public void cameraChanged(CameraConfig camera) {
                Thread reader = new Thread(() -> readable.add(table.camera(camera.id()).isPresent()), "ucv-test-reader");
                reader.start();
                try {
                    reader.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                assertFalse(reader.isAlive(), "another thread could not read the table during a callback");
            }

            @Override
            public void cameraRemoved(String cameraId) {
            }
        });
        table.update("p1", props("id", "a", "protocol", "demo"));
        assertEquals(List.of(true), readable);
    }

    @Test
    void invalidEntriesNeverHoldThePassword() {
        table.update("p1", props("id", "a", "protocol", "demo", ".password", "hunter2"));
        table.update("p2", props("id", "a", "protocol", "demo", ".password", "hunter2"));
        assertFalse(table.invalid().get(0).reason().contains("hunter2"));
        assertFalse(table.cameras().toString().contains("hunter2"));
    }
}
