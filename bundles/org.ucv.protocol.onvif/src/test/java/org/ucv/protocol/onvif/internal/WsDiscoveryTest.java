package org.ucv.protocol.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.DiscoveryProvider.DiscoveredCamera;
import org.w3c.dom.Element;

class WsDiscoveryTest {
    private static byte[] match(String relatesTo, String endpoint, String name, String xaddrs) {
        return Samples.text("ProbeMatches.xml", Map.of("relatesTo", relatesTo, "endpoint", endpoint, "name", name,
                "xaddrs", xaddrs)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void probeIsAWsDiscoveryProbeForVideoTransmitters() throws Exception {
        String xml = WsDiscovery.probeMessage("urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a");
        Element root = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), 4096).getDocumentElement();
        assertEquals(Ns.SOAP, root.getNamespaceURI());
        Element header = SafeXml.child(root, "Header").orElseThrow();
        assertEquals(Ns.DISCOVERY + "/Probe", SafeXml.text(header, "Action").orElseThrow());
        assertEquals(Ns.ADDRESSING, SafeXml.child(header, "Action").orElseThrow().getNamespaceURI());
        assertEquals("urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a", SafeXml.text(header, "MessageID").orElseThrow());
        assertEquals("urn:schemas-xmlsoap-org:ws:2005:04:discovery", SafeXml.text(header, "To").orElseThrow());
        Element types = SafeXml.child(root, "Body", "Probe", "Types").orElseThrow();
        assertEquals(Ns.DISCOVERY, types.getNamespaceURI());
        assertEquals("dn:NetworkVideoTransmitter", SafeXml.text(types));
        assertEquals(Ns.NETWORK, types.lookupNamespaceURI("dn"));
    }

    @Test
    void probeMatchBecomesACamera() throws Exception {
        byte[] m = match("urn:uuid:1", "urn:uuid:4a7b8c9d-0000-1000-8000-a41437d1e2f3", "Garden%20Cam",
                "http://[fe80::a614:37ff:fed1:e2f3]/onvif/device_service http://169.254.3.4/onvif/device_service "
                        + "http://192.168.1.64/onvif/device_service");
        List<WsDiscovery.ProbeMatch> matches = WsDiscovery.parseMatches(m);
        assertEquals(1, matches.size());
        assertEquals(List.of("dn:NetworkVideoTransmitter", "tds:Device"), matches.get(0).types());
        DiscoveredCamera c = WsDiscovery.camera(matches.get(0), null);
        assertEquals("onvif", c.protocol());
        assertEquals("http://192.168.1.64/onvif/device_service", c.address());
        assertEquals("Garden Cam", c.name());
        assertEquals("DS-2CD2143G2-I", c.hardware());
        assertEquals("city/hangzhou, Front door", c.location());
        assertEquals("urn:uuid:4a7b8c9d-0000-1000-8000-a41437d1e2f3", c.endpoint());
        assertEquals(3, c.addresses().size());
        assertNull(c.brand());
        assertTrue(WsDiscovery.parseMatches(Samples.text("Hello.xml").getBytes(StandardCharsets.UTF_8)).isEmpty());
    }

    @Test
    void addressChoice() throws Exception {
        assertEquals("http://[::1]/x", WsDiscovery.chooseAddress(List.of("http://10.0.0.1/x", "http://[::1]/x"),
                InetAddress.getByName("::1")));
        assertEquals("https://cam/x", WsDiscovery.chooseAddress(List.of("soap.udp://cam", "https://cam/x"), null));
        assertNull(WsDiscovery.chooseAddress(List.of(), null));
    }

    /** A responder on loopback stands for the multicast group: two devices, a duplicate, a Hello and garbage. */
    @Test
    void collectsAndMergesAnswersForTheTimeGiven() throws Exception {
        try (DatagramSocket responder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            List<String> probes = new CopyOnWriteArrayList<>();
            Thread t = new Thread(() -> respond(responder, probes, true), "test-responder");
            t.start();
            WsDiscovery discovery = new WsDiscovery(InetAddress.getLoopbackAddress(), responder.getLocalPort(), 1, List.of());
            long start = System.nanoTime();
            List<DiscoveredCamera> found = discovery.probe(Duration.ofMillis(700));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(600)) > 0 && took.compareTo(Duration.ofSeconds(5)) < 0, "" + took);
            assertEquals(2, found.size(), found.toString());
            DiscoveredCamera a = found.get(0);
            assertEquals("urn:uuid:a", a.endpoint());
            assertEquals("Cam A", a.name());
            assertEquals(List.of("http://127.0.0.1:8080/onvif/device_service", "http://10.9.9.9/onvif/device_service"),
                    a.addresses());
            assertEquals("Cam B", found.get(1).name());
            // the probe went out twice (UDP repeat), with one message id
            assertEquals(2, probes.size());
            assertEquals(probes.get(0), probes.get(1));
            t.join(2000);
            assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(x -> x.getName().equals("ucv-onvif-discovery")));
        }
    }

    @Test
    void unicastProbeOfOneHost() throws Exception {
        try (DatagramSocket responder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            List<String> probes = new CopyOnWriteArrayList<>();
            Thread t = new Thread(() -> respond(responder, probes, false), "test-responder");
            t.start();
            WsDiscovery discovery = new WsDiscovery(InetAddress.getByName(WsDiscovery.GROUP), responder.getLocalPort(), 1,
                    List.of());
            List<DiscoveredCamera> found = discovery.probe("127.0.0.1", Duration.ofMillis(500));
            assertEquals(2, found.size(), found.toString());
            assertEquals("http://127.0.0.1:8080/onvif/device_service", found.get(0).address());
            t.join(2000);
        }
    }

    @Test
    void nothingAnsweringIsAnEmptyList() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = s.getLocalPort();
        }
        WsDiscovery d = new WsDiscovery(InetAddress.getLoopbackAddress(), port, 1, List.of());
        assertTrue(d.probe(Duration.ofMillis(300)).isEmpty());
    }

    /** Answers the first probe (recording every probe's message id until the socket's short timeout). */
    private static void respond(DatagramSocket socket, List<String> probes, boolean expectRepeat) {
        try {
            socket.setSoTimeout(3000);
            byte[] buf = new byte[65535];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            socket.receive(in);
            SocketAddress back = in.getSocketAddress();
            Element root = SafeXml.parse(java.util.Arrays.copyOf(in.getData(), in.getLength()), 65535).getDocumentElement();
            String id = SafeXml.text(root, "Header", "MessageID").orElseThrow();
            probes.add(id);
            send(socket, back, match(id, "urn:uuid:a", "Cam%20A", "http://127.0.0.1:8080/onvif/device_service"));
            send(socket, back, Samples.text("Hello.xml").getBytes(StandardCharsets.UTF_8));
            send(socket, back, "garbage <<<".getBytes(StandardCharsets.UTF_8));
            send(socket, back, match(id, "urn:uuid:b", "Cam%20B", "http://127.0.0.2/onvif/device_service"));
            send(socket, back, match(id, "urn:uuid:a", "Cam%20A", "http://10.9.9.9/onvif/device_service"));
            if (expectRepeat) {
                socket.receive(in);
                Element again = SafeXml.parse(java.util.Arrays.copyOf(in.getData(), in.getLength()), 65535)
                        .getDocumentElement();
                probes.add(SafeXml.text(again, "Header", "MessageID").orElseThrow());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void send(DatagramSocket socket, SocketAddress to, byte[] data) throws java.io.IOException {
        socket.send(new DatagramPacket(data, data.length, to));
    }
}
