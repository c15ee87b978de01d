package org.ucv.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ucv.api.camera.CameraListener;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraState;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;

class CameraStatusTest {
    /** Registry and stream service in one: the states and sessions are set by the test. */
    static final class Cameras implements CameraRegistry, StreamService {
        final List<CameraConfig> cameras = new ArrayList<>();
        final List<InvalidCamera> invalid = new ArrayList<>();
        final Map<String, CameraState> states = new HashMap<>();
        final List<StreamInfo> sessions = new ArrayList<>();

        Cameras camera(String id, CameraState state) {
            cameras.add(CameraConfig.builder(id).protocol("rtsp").url("rtsp://user:secret@10.0.0.9/x").password("secret").build());
            states.put(id, state);
            return this;
        }

        @Override public List<CameraConfig> cameras() { return cameras; }
        @Override public List<InvalidCamera> invalid() { return invalid; }

        @Override
        public CameraState state(String cameraId) throws StreamException {
            CameraState s = states.get(cameraId);
            if (s == null) {
                throw new StreamException(ErrorCode.CAMERA_NOT_FOUND, "camera '" + cameraId + "' is not configured");
            }
            return s;
        }

        @Override public List<StreamInfo> streams() { return sessions; }
        @Override public Optional<CameraConfig> camera(String id) { throw new UnsupportedOperationException(); }
        @Override public CameraConfig create(CameraConfig camera) { throw new UnsupportedOperationException(); }
        @Override public CameraConfig update(CameraConfig camera) { throw new UnsupportedOperationException(); }
        @Override public void delete(String id) { throw new UnsupportedOperationException(); }
        @Override public Map<String, String> validate(CameraConfig camera) { throw new UnsupportedOperationException(); }
        @Override public void addListener(CameraListener listener) { throw new UnsupportedOperationException(); }
        @Override public void removeListener(CameraListener listener) { throw new UnsupportedOperationException(); }
        @Override public ViewerSession open(String cameraId, ViewerRequest request, StreamViewer viewer) { throw new UnsupportedOperationException(); }
        @Override public Set<String> formats() { return Set.of("jpeg"); }
    }

    @Test
    void readsEveryCameraWithItsStateAndTheSessionsLastError() {
        Cameras c = new Cameras().camera("demo", CameraState.STREAMING).camera("gate", CameraState.RECONNECTING)
                .camera("idle", CameraState.IDLE);
        c.sessions.add(new StreamService.StreamInfo("gate", CameraState.RECONNECTING, 1, 1,
                "camera 'gate': connection refused"));
        c.sessions.add(new StreamService.StreamInfo("demo", CameraState.STREAMING, 1, 1, null));
        c.invalid.add(new CameraRegistry.InvalidCamera("org.ucv.camera~dup", "demo", "camera id 'demo' is already used"));
        c.invalid.add(new CameraRegistry.InvalidCamera("org.ucv.camera~x", null, "id is required"));

        List<CameraStatus> all = CameraStatus.read(c, c);
        assertEquals(List.of("demo", "gate", "idle", "demo", "org.ucv.camera~x"), all.stream().map(CameraStatus::cameraId).toList());
        assertEquals(new CameraStatus("gate", CameraState.RECONNECTING, "camera 'gate': connection refused", true), all.get(1));
        assertEquals(new CameraStatus("demo", CameraState.INVALID_CONFIG, "camera id 'demo' is already used", false), all.get(3));
        assertTrue(all.get(1).failing());
        assertFalse(all.get(0).failing());
        assertTrue(all.get(4).failing());
        assertFalse(all.toString().contains("secret"), "no password: " + all);
    }

    @Test
    void lastErrorsNeverShowAPasswordOrUrlCredentials() {
        Cameras c = new Cameras().camera("gate", CameraState.RECONNECTING);
        c.sessions.add(new StreamService.StreamInfo("gate", CameraState.RECONNECTING, 1, 1,
                "cannot open rtsp://user:secret@10.0.0.9/x: the server said secret"));
        c.invalid.add(new CameraRegistry.InvalidCamera("org.ucv.camera~y", "y", "bad url http://u:pw1234@h/"));
        List<CameraStatus> all = CameraStatus.read(c, c);
        assertEquals("cannot open rtsp://***@10.0.0.9/x: the server said ***", all.get(0).lastError());
        assertEquals("bad url http://***@h/", all.get(1).lastError());
    }

    @Test
    void aCameraDeletedMeanwhileIsLeftOut() {
        Cameras c = new Cameras().camera("demo", CameraState.IDLE).camera("gone", CameraState.IDLE);
        c.states.remove("gone");
        assertEquals(List.of("demo"), CameraStatus.read(c, c).stream().map(CameraStatus::cameraId).toList());
    }

    @Test
    void onlyReconnectingProtocolMissingAndInvalidConfigAreFailing() {
        for (CameraState s : CameraState.values()) {
            boolean failing = s == CameraState.RECONNECTING || s == CameraState.PROTOCOL_MISSING
                    || s == CameraState.INVALID_CONFIG;
            assertEquals(failing, new CameraStatus("x", s, null, true).failing(), s.wire());
        }
    }
}
