package org.ucv.protocol.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ConnectionTester.ConnectionTestResult;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.PtzCapable.Preset;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSource;

class OnvifServiceTest {
    private static final Duration T = Duration.ofSeconds(10);
    private FakeDevice device;
    private Recorder.FakeRtsp rtsp;
    private volatile Recorder.FakeRtsp current;
    private OnvifService service;

    @BeforeEach
    void start() throws IOException {
        device = new FakeDevice();
        rtsp = new Recorder.FakeRtsp();
        current = rtsp;
        service = new OnvifService(() -> current);
    }

    @AfterEach
    void stop() {
        service.closeAll();
        device.close();
    }

    private CameraConfig.Builder camera() {
        return CameraConfig.builder("cam").protocol("onvif").url(device.base).username(device.user)
                .password(device.password);
    }

    @Test
    void fromAddressAndCredentialsAloneMedia2() throws Exception {
        CameraConfig r = service.resolve(camera().transport("udp").option("read_timeout_ms", "9000").build(),
                Budget.of(T));
        assertEquals("rtsp", r.protocol());
        assertEquals("cam", r.id());
        assertEquals(device.rtsp, r.url().orElseThrow());
        assertEquals(device.user, r.username().orElseThrow());
        assertEquals(device.password, r.password().orElseThrow());
        assertEquals("udp", r.transport().orElseThrow());
        assertEquals("9000", r.option("read_timeout_ms").orElseThrow());
        assertEquals(List.of("GetSystemDateAndTime", "GetServices", "GetProfiles", "GetStreamUri"), device.operations());
        assertFalse(device.calls.get(0).wsSecurity(), "the clock is asked without credentials");
        assertTrue(device.calls.get(1).wsSecurity());
        assertEquals("/onvif/Media2", device.last("GetProfiles").path());
        assertEquals("All", SafeXml.text(device.last("GetProfiles").request(), "Type").orElseThrow());
        FakeDevice.Call uri = device.last("GetStreamUri");
        assertEquals("RtspUnicast", SafeXml.text(uri.request(), "Protocol").orElseThrow());
        assertEquals("Profile000", SafeXml.text(uri.request(), "ProfileToken").orElseThrow());
        assertEquals(Ns.MEDIA2, uri.request().getNamespaceURI());
    }

    @Test
    void media10WhenNoMedia2AndTheSubProfile() throws Exception {
        device.media2 = false;
        service.resolve(camera().option("profile", "sub").build(), Budget.of(T));
        FakeDevice.Call uri = device.last("GetStreamUri");
        assertEquals("/onvif/Media", uri.path());
        assertEquals(Ns.MEDIA, uri.request().getNamespaceURI());
        assertEquals("Profile_2", SafeXml.text(uri.request(), "ProfileToken").orElseThrow());
        assertEquals("RTP-Unicast", SafeXml.text(uri.request(), "StreamSetup", "Stream").orElseThrow());
        assertEquals("RTSP", SafeXml.text(uri.request(), "StreamSetup", "Transport", "Protocol").orElseThrow());
    }

    @Test
    void optionMediaForcesVer10AndMedia2NeedsTheService() throws Exception {
        service.resolve(camera().option("media", "media").build(), Budget.of(T));
        assertEquals("/onvif/Media", device.last("GetStreamUri").path());
        device.media2 = false;
        SourceException e = assertThrows(SourceException.class,
                () -> service.resolve(camera().option("media", "media2").build(), Budget.of(T)));
        assertEquals(ErrorCode.INVALID_PARAMS, e.code());
        assertTrue(e.getMessage().contains("no Media2 service (it has Media ver10: use media=auto)"), e.getMessage());
    }

    @Test
    void devicesWithoutGetServicesUseGetCapabilities() throws Exception {
        device.services = false;
        service.resolve(camera().build(), Budget.of(T));
        assertEquals(List.of("GetSystemDateAndTime", "GetServices", "GetCapabilities", "GetProfiles", "GetStreamUri"),
                device.operations());
        assertEquals("/onvif/Media", device.last("GetStreamUri").path());
    }

    @Test
    void aDeviceClockTwoHoursOffStillAcceptsUs() throws Exception {
        device.clockSkew = Duration.ofHours(2).plusSeconds(7);
        ConnectionTestResult r = service.test(camera().build(), T);
        assertTrue(r.detail().contains("clock offset +720"), r.detail());
        // the same request with our own clock is refused by this device
        SoapClient naive = new SoapClient("camera 'cam'", device.user, device.password,
                OnvifSettings.defaults().soapLimits(), T);
        SourceException e = assertThrows(SourceException.class, () -> naive.call(URI.create(device.deviceUrl()),
                "GetDeviceInformation", OnvifMessages.getDeviceInformation(), true, Budget.of(T)));
        assertEquals(ErrorCode.AUTH_FAILED, e.code());
    }

    @Test
    void wrongPasswordIsAuthFailedWithTheFaultAndNoPassword() {
        SourceException e = assertThrows(SourceException.class,
                () -> service.test(camera().password("Wr0ng-pass").build(), T));
        assertEquals(ErrorCode.AUTH_FAILED, e.code());
        assertTrue(e.getMessage().contains("ter:NotAuthorized") && e.getMessage().contains("Sender not Authorized"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("camera 'cam': ONVIF GetServices at http://127.0.0.1:"), e.getMessage());
        assertFalse(e.getMessage().contains("Wr0ng-pass"));
    }

    @Test
    void httpDigestWhenTheDeviceAsksForIt() throws Exception {
        device.httpDigest = true;
        CameraConfig r = service.resolve(camera().build(), Budget.of(T));
        assertEquals(device.rtsp, r.url().orElseThrow());
        SourceException e = assertThrows(SourceException.class,
                () -> new OnvifService(() -> current).resolve(camera().password("nope-nope").build(), Budget.of(T)));
        assertEquals(ErrorCode.AUTH_FAILED, e.code());
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    }

    @Test
    void connectionTestListsTheProfiles() throws Exception {
        ConnectionTestResult r = service.test(camera().build(), T);
        assertEquals(Codec.H265, r.codec());
        assertTrue(r.detail().startsWith("Acme IPC-2000 & Co (firmware V5.5.0 build 170725); clock offset "), r.detail());
        assertTrue(r.detail().contains("Media2 profiles: Profile000 \"Main \"HEVC\"\" H265 2560x1440 20fps PTZ, "
                + "Profile001 \"Sub\" H264 704x480 12.5fps, Profile002 \"Third\" JPEG 640x360 5fps"), r.detail());
        assertTrue(r.detail().contains("streams Profile000 from rtsp://127.0.0.1:8554/main"), r.detail());
        assertTrue(r.elapsed().compareTo(T) < 0);
    }

    @Test
    void unknownProfileIsStreamNotFoundNamingTheProfiles() {
        SourceException e = assertThrows(SourceException.class,
                () -> service.resolve(camera().option("profile", "Nope").build(), Budget.of(T)));
        assertEquals(ErrorCode.STREAM_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("Profile001"), e.getMessage());
    }

    @Test
    void xxeInAnAnswerIsRefusedAndFetchesNothing() throws IOException {
        try (ServerSocket canary = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            device.xxeEntity = "http://127.0.0.1:" + canary.getLocalPort() + "/steal";
            SourceException e = assertThrows(SourceException.class, () -> service.test(camera().build(), T));
            assertEquals(ErrorCode.NOT_A_STREAM, e.code());
            assertTrue(e.getMessage().contains("DTD"), e.getMessage());
            canary.setSoTimeout(1);
            assertThrows(SocketTimeoutException.class, canary::accept);
        }
    }

    @Test
    void snapshotFromTheSnapshotUriWithBasic() throws Exception {
        assertArrayEquals(FakeDevice.JPEG, service.snapshot(camera().build(), T));
        assertEquals("Profile000", SafeXml.text(device.last("GetSnapshotUri").request(), "ProfileToken").orElseThrow());
        SourceException e = assertThrows(SourceException.class,
                () -> service.snapshot(camera().url(device.base + "/onvif/device_service").username(null).build(), T));
        assertEquals(ErrorCode.AUTH_FAILED, e.code());
    }

    @Test
    void snapshotWithoutASnapshotUriComesFromTheRtspPlugin() throws Exception {
        device.snapshotUri = false;
        assertArrayEquals(FakeDevice.JPEG, service.snapshot(camera().build(), T));
        assertEquals(device.rtsp, rtsp.opened.get(0).url().orElseThrow());
        assertEquals(device.password, rtsp.opened.get(0).password().orElseThrow());
    }

    @Test
    void ptzMovesStopsAndPresetsReachTheDeviceWithTheRightValues() throws Exception {
        CameraConfig cam = camera().build();
        service.move(cam, 0.5, -0.25, 0);
        assertEquals(Arrays.asList("0.5", "-0.25", "0"), device.lastVelocity());
        assertEquals("Profile000", SafeXml.text(device.last("ContinuousMove").request(), "ProfileToken").orElseThrow());
        assertEquals("/onvif/PTZ", device.last("ContinuousMove").path());
        service.move(cam, 0, 0, -1);
        assertEquals(Arrays.asList("0", "0", "-1"), device.lastVelocity());
        service.stop(cam);
        FakeDevice.Call stop = device.last("Stop");
        assertEquals("true", SafeXml.text(stop.request(), "PanTilt").orElseThrow());
        assertEquals("true", SafeXml.text(stop.request(), "Zoom").orElseThrow());
        assertEquals(List.of(new Preset("1", "Gate"), new Preset("2", "Parking & drive"), new Preset("3", "3")),
                service.presets(cam));
        service.gotoPreset(cam, "2");
        assertEquals("2", SafeXml.text(device.last("GotoPreset").request(), "PresetToken").orElseThrow());
        // one connection for all of it: the device was asked its clock once
        assertEquals(1, device.operations().stream().filter(o -> o.equals("GetSystemDateAndTime")).count());
        assertEquals(1, device.operations().stream().filter(o -> o.equals("GetNodes")).count());
    }

    @Test
    void ptzErrorsAreClear() {
        CameraConfig cam = camera().build();
        SourceException e = assertThrows(SourceException.class, () -> service.gotoPreset(cam, "99"));
        assertEquals(ErrorCode.INVALID_PARAMS, e.code());
        assertTrue(e.getMessage().contains("SOAP fault SOAP-ENV:Sender/ter:InvalidArgVal/ter:NoProfile")
                && e.getMessage().contains("preset '99'"), e.getMessage());
        e = assertThrows(SourceException.class, () -> service.move(cam, 2, 0, 0));
        assertEquals(ErrorCode.INVALID_PARAMS, e.code());
        e = assertThrows(SourceException.class, () -> service.move(cam, Double.NaN, 0, 0));
        assertEquals(ErrorCode.INVALID_PARAMS, e.code());
    }

    @Test
    void aCachedDeviceWhoseClockJumpedIsReconnected() throws Exception {
        CameraConfig cam = camera().build();
        service.stop(cam);
        device.clockSkew = Duration.ofHours(-3);
        service.stop(cam);
        assertEquals(2, device.operations().stream().filter(o -> o.equals("GetSystemDateAndTime")).count());
    }

    @Test
    void unreachableDeviceAndBadUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SourceException e = assertThrows(SourceException.class,
                () -> service.test(camera().url("http://127.0.0.1:" + port).build(), T));
        assertEquals(ErrorCode.CAMERA_UNREACHABLE, e.code());
        e = assertThrows(SourceException.class, () -> service.test(camera().url("rtsp://x/").build(), T));
        assertEquals(ErrorCode.INVALID_PARAMS, e.code());
    }

    @Test
    void aSilentDeviceTimesOutWithinTheBound() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            SourceException e = assertThrows(SourceException.class,
                    () -> service.test(camera().url("http://127.0.0.1:" + silent.getLocalPort()).build(),
                            Duration.ofMillis(800)));
            assertEquals(ErrorCode.TIMEOUT, e.code());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        }
    }

    // ----- the stream source -----

    @Test
    void streamsThroughTheRtspPluginAndStopsAtClose() throws Exception {
        Recorder sink = new Recorder();
        StreamSource s = service.open(camera().build(), sink);
        assertEquals("connecting", sink.next());
        assertEquals("streaming", sink.next());
        assertEquals("packet H264", sink.next());
        CameraConfig opened = rtsp.opened.get(0);
        assertEquals(device.rtsp, opened.url().orElseThrow());
        assertEquals(device.user, opened.username().orElseThrow());
        s.close();
        s.close();
        assertTrue(rtsp.sources.get(0).closed);
        assertEquals(0, service.openSources());
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("ucv-onvif-cam")));
        assertNull(sink.events.poll());
    }

    @Test
    void noRtspPluginIsProtocolMissing() throws Exception {
        current = null;
        Recorder sink = new Recorder();
        try (StreamSource s = service.open(camera().build(), sink)) {
            assertEquals("connecting", sink.next());
            String failed = sink.next();
            assertTrue(failed.startsWith("failed protocol_missing camera 'cam'"), failed);
        }
    }

    @Test
    void theRtspPluginGoingAwayIsALoss() throws Exception {
        Recorder sink = new Recorder();
        try (StreamSource s = service.open(camera().build(), sink)) {
            sink.next();
            sink.next();
            sink.next();
            service.rtspGone(new Recorder.FakeRtsp()); // another factory: nothing happens
            assertNull(sink.events.poll());
            service.rtspGone(rtsp);
            assertEquals("lost camera 'cam': the RTSP plugin went away", sink.next());
        }
    }

    @Test
    void failuresReachTheSinkRedacted() throws Exception {
        Recorder sink = new Recorder();
        try (StreamSource s = service.open(camera().password("Wr0ng-pass").build(), sink)) {
            assertEquals("connecting", sink.next());
            String failed = sink.next();
            assertTrue(failed.startsWith("failed auth_failed camera 'cam'"), failed);
            assertFalse(failed.contains("Wr0ng-pass"));
        }
    }

    @Test
    void closeWhileResolvingReturnsAtOnceAndSaysNothing() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Recorder sink = new Recorder();
            StreamSource s = service.open(camera().url("http://127.0.0.1:" + silent.getLocalPort()).build(), sink);
            assertEquals("connecting", sink.next());
            long start = System.nanoTime();
            s.close();
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
            assertNull(sink.events.poll());
            assertTrue(rtsp.opened.isEmpty());
        }
    }
}
