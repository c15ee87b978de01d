package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.FactoryTable;
import org.ucv.api.spi.SourceException;
import org.ucv.console.internal.CamerasPage.Message;

class PageActionsTest {
    private final FakeRegistry registry = new FakeRegistry()
            .add(CameraConfig.builder("demo").protocol("demo").build())
            .add(CameraConfig.builder("door").protocol("rtsp").password("s3cret").build());
    private final FakeStreams streams = new FakeStreams(registry);
    private final FactoryTable factories = new FactoryTable();
    private final FakeFactory.Capable rtsp = new FakeFactory.Capable();
    private final KeepAlives keepAlives = new KeepAlives(streams);
    private final PageActions actions = new PageActions(registry,
            new CameraTools(registry, streams, factories, new CameraTools.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1)),
            keepAlives);

    PageActionsTest() {
        factories.add(FactoryTable.Entry.of(FakeFactory.plain(), "demo", null, 1L));
        factories.add(FactoryTable.Entry.of(rtsp, "rtsp", null, 2L));
    }

    @Test
    void startAndStopHoldAndReleaseTheViewer() {
        Message started = actions.perform("start", "demo");
        assertFalse(started.error());
        assertEquals("demo: console keep-alive viewer started; the camera connects.", started.text());
        assertEquals(Set.of("demo"), keepAlives.held());
        assertEquals("demo: the console holds a viewer on it already.", actions.perform("start", "demo").text());
        assertEquals("demo: console keep-alive viewer stopped.", actions.perform("stop", "demo").text());
        assertTrue(keepAlives.held().isEmpty());
        assertTrue(streams.open().isEmpty());
        assertEquals("demo: the console held no viewer on it.", actions.perform("stop", "demo").text());
    }

    @Test
    void testShowsTheResult() {
        assertFalse(actions.perform("test", "door").error());
        rtsp.failure = new SourceException(ErrorCode.AUTH_FAILED, "bad password s3cret");
        Message failed = actions.perform("test", "door");
        assertTrue(failed.error());
        assertEquals("door: failed: auth_failed: bad password ***", failed.text());
        Message unsupported = actions.perform("test", "demo");
        assertFalse(unsupported.error());
        assertTrue(unsupported.text().contains("not supported"));
    }

    @Test
    void unknownCameraOrActionIsAnError() {
        assertEquals(new Message(true, "No camera 'nope'."), actions.perform("start", "nope"));
        assertEquals(new Message(true, "No camera ''."), actions.perform("test", null));
        assertEquals(new Message(true, "Unknown action 'reboot'."), actions.perform("reboot", "demo"));
        assertTrue(keepAlives.held().isEmpty());
    }
}
