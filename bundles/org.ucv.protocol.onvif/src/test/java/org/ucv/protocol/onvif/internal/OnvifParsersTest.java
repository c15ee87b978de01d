package org.ucv.protocol.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.PtzCapable.Preset;
import org.ucv.protocol.onvif.internal.OnvifParsers.DeviceInfo;
import org.ucv.protocol.onvif.internal.OnvifParsers.Endpoints;
import org.ucv.protocol.onvif.internal.OnvifParsers.MediaProfile;
import org.ucv.protocol.onvif.internal.OnvifParsers.PtzNode;

class OnvifParsersTest {
    private static final URI DEVICE = URI.create("http://192.168.1.64/onvif/device_service");

    @Test
    void deviceTimeIsTheUtcDateTime() throws Exception {
        var r = Samples.response("GetSystemDateAndTime.xml", Map.of("year", "2024", "month", "3", "day", "7",
                "hour", "6", "minute", "5", "second", "1"));
        assertEquals(Instant.parse("2024-03-07T06:05:01Z"), OnvifParsers.deviceTime(r).orElseThrow());
    }

    @Test
    void deviceTimeFallsBackToLocalTimeAndRefusesNonsense() throws Exception {
        String xml = Samples.text("GetSystemDateAndTime.xml", Map.of("year", "2024", "month", "13", "day", "7",
                "hour", "6", "minute", "5", "second", "1"));
        var r = SafeXml.child(SafeXml.parse(xml.getBytes(), 1 << 16).getDocumentElement(), "Body",
                "GetSystemDateAndTimeResponse").orElseThrow();
        // month 13 is not a date: the local date and time (2000-01-01 00:00:00) is used instead
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), OnvifParsers.deviceTime(r).orElseThrow());
    }

    @Test
    void clockOffsetIsDeviceMinusTheMiddleOfTheRoundTrip() {
        Instant sent = Instant.parse("2024-03-07T06:05:00.000Z");
        Instant received = sent.plusMillis(400);
        // the device read its clock, two hours ahead, somewhere in those 400 ms
        Instant device = Instant.parse("2024-03-07T08:05:00.200Z");
        assertEquals(Duration.ofHours(2), OnvifParsers.clockOffset(device, sent, received));
        assertEquals(Duration.ofMinutes(-90).plusMillis(-200),
                OnvifParsers.clockOffset(sent.minus(Duration.ofMinutes(90)), sent, received));
        assertEquals("+7200.0 s", OnvifService.seconds(Duration.ofHours(2)));
        assertEquals("-0.5 s", OnvifService.seconds(Duration.ofMillis(-500)));
    }

    @Test
    void deviceInformation() throws Exception {
        DeviceInfo info = OnvifParsers.deviceInfo(Samples.response("GetDeviceInformation.xml"));
        assertEquals("Acme", info.manufacturer());
        assertEquals("IPC-2000 & Co", info.model());
        assertEquals("V5.5.0 build 170725", info.firmware());
        assertEquals("Acme IPC-2000 & Co (firmware V5.5.0 build 170725)", info.describe());
    }

    @Test
    void servicesFindMediaMedia2AndPtz() throws Exception {
        Endpoints e = OnvifParsers.services(Samples.response("GetServices.xml"), DEVICE);
        assertEquals(URI.create("http://192.168.1.64/onvif/Media"), e.media());
        assertEquals(URI.create("http://192.168.1.64/onvif/Media2"), e.media2());
        assertEquals(URI.create("http://192.168.1.64/onvif/PTZ"), e.ptz());
        assertEquals(DEVICE, e.device());
    }

    @Test
    void capabilitiesFindMediaAndPtzButNoMedia2() throws Exception {
        Endpoints e = OnvifParsers.capabilities(Samples.response("GetCapabilities.xml"), DEVICE);
        assertEquals(URI.create("http://192.168.1.64/onvif/Media"), e.media());
        assertNull(e.media2());
        assertEquals(URI.create("http://192.168.1.64/onvif/PTZ"), e.ptz());
    }

    @Test
    void mediaProfiles() throws Exception {
        List<MediaProfile> p = OnvifParsers.profiles(Samples.response("GetProfiles-media.xml"));
        assertEquals(3, p.size());
        MediaProfile sub = p.get(0);
        assertEquals(new MediaProfile("Profile_2", "subStream", "H264", 640, 360, 15, "PTZToken", "PTZNODETOKEN"), sub);
        MediaProfile main = p.get(1);
        assertEquals("Profile_1", main.token());
        assertEquals(1920, main.width());
        assertEquals(1080, main.height());
        assertEquals(25.0, main.fps());
        assertEquals(Codec.H264, main.codec().orElseThrow());
        MediaProfile audio = p.get(2);
        assertFalse(audio.hasVideo());
        assertNull(audio.ptzToken());
        assertEquals("Profile_1 \"mainStream\" H264 1920x1080 25fps PTZ", main.describe());
    }

    @Test
    void media2Profiles() throws Exception {
        List<MediaProfile> p = OnvifParsers.profiles2(Samples.response("GetProfiles-media2.xml"));
        assertEquals(3, p.size());
        assertEquals(new MediaProfile("Profile000", "Main \"HEVC\"", "H265", 2560, 1440, 20, "PTZConfig000", "PTZNode000"),
                p.get(0));
        assertEquals(Codec.H265, p.get(0).codec().orElseThrow());
        assertEquals(12.5, p.get(1).fps());
        assertNull(p.get(1).ptzToken());
        assertEquals(Codec.MJPEG, p.get(2).codec().orElseThrow());
        assertEquals("Profile001 \"Sub\" H264 704x480 12.5fps", p.get(1).describe());
    }

    @Test
    void streamAndSnapshotUris() throws Exception {
        assertEquals("rtsp://192.168.1.64:554/Streaming/Channels/101?transportmode=unicast&profile=Profile_1",
                OnvifParsers.mediaUri(Samples.response("GetStreamUri-media.xml", Map.of("rtsp",
                        "rtsp://192.168.1.64:554/Streaming/Channels/101?transportmode=unicast&amp;profile=Profile_1")))
                        .orElseThrow());
        assertEquals("rtsp://10.1.1.2/h265", OnvifParsers.mediaUri(Samples.response("GetStreamUri-media2.xml",
                Map.of("rtsp", "rtsp://10.1.1.2/h265"))).orElseThrow());
        assertEquals("http://192.168.1.64/onvif-http/snapshot?Profile_1",
                OnvifParsers.mediaUri(Samples.response("GetSnapshotUri-media.xml")).orElseThrow());
        assertEquals("http://192.168.1.64/onvif-http/snapshot?Profile000",
                OnvifParsers.mediaUri(Samples.response("GetSnapshotUri-media2.xml")).orElseThrow());
    }

    @Test
    void ptzNodesConfigurationsAndPresets() throws Exception {
        List<PtzNode> nodes = OnvifParsers.nodes(Samples.response("GetNodes.xml"));
        assertEquals(List.of(new PtzNode("PTZNode000", "PTZ", true, true, 255),
                new PtzNode("PTZNode001", "Pan only", true, false, 8)), nodes);
        assertEquals(List.of("PTZConfig000", "PTZConfig001"),
                OnvifParsers.ptzConfigurations(Samples.response("GetConfigurations.xml")));
        assertEquals(List.of(new Preset("1", "Gate"), new Preset("2", "Parking & drive"), new Preset("3", "3")),
                OnvifParsers.presets(Samples.response("GetPresets.xml")));
    }

    @Test
    void faults() throws Exception {
        SoapFault auth = SoapFault.of(Samples.body("Fault-NotAuthorized.xml")).orElseThrow();
        assertTrue(auth.isAuthFailure());
        assertTrue(auth.isSender());
        assertEquals("Sender not Authorized", auth.reason());
        assertEquals(ErrorCode.AUTH_FAILED, FaultException.codeOf(auth));
        assertEquals("env:Sender/ter:NotAuthorized: \"Sender not Authorized\"", auth.toString());

        SoapFault noProfile = SoapFault.of(Samples.body("Fault-NoProfile.xml")).orElseThrow();
        assertEquals(List.of("ter:InvalidArgVal", "ter:NoProfile"), noProfile.subcodes());
        assertTrue(noProfile.has("NoProfile"));
        assertFalse(noProfile.isAuthFailure());
        assertEquals(ErrorCode.INVALID_PARAMS, FaultException.codeOf(noProfile));

        SoapFault soap11 = SoapFault.of(Samples.body("Fault-soap11.xml")).orElseThrow();
        assertEquals("s:Client", soap11.code());
        assertEquals("Action not supported", soap11.reason());
        assertTrue(soap11.isSender());

        assertTrue(SoapFault.of(Samples.body("GetServices.xml")).isEmpty());
        SoapFault receiver = new SoapFault("env:Receiver", List.of("ter:Action"), "busy");
        assertEquals(ErrorCode.CAMERA_UNREACHABLE, FaultException.codeOf(receiver));
        assertEquals(ErrorCode.INVALID_PARAMS,
                FaultException.codeOf(new SoapFault("env:Receiver", List.of("ter:ActionNotSupported"), "")));
    }
}
