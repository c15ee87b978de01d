package org.ucv.itests.onvif;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The WS-Discovery (2005/04) side of the ONVIF double: joins 239.255.255.250 on one interface,
 * answers a Probe for {@code dn:NetworkVideoTransmitter}, {@code tds:Device} or no type with a
 * ProbeMatches sent to the prober's address (unicast, as the spec says), and answers a Probe sent
 * straight to its port the same way. Run it only inside a network namespace a test made.
 */
public final class DiscoveryResponder implements AutoCloseable {
    public static final String GROUP = "239.255.255.250";
    public static final int PORT = 3702;
    static final String PROBE = "http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe";
    static final String PROBE_MATCHES = "http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches";
    private static final Set<String> TYPES = Set.of("{" + Xml.DN + "}NetworkVideoTransmitter", "{" + Xml.TDS + "}Device");
    private static final int MAX_DATAGRAM = 65_535;

    /** What a device announces about itself. */
    public record Identity(String endpoint, String name, String hardware, String location, List<String> xaddrs) {
    }

    private final Identity identity;
    private final MulticastSocket socket;
    private final Thread thread;
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger matches = new AtomicInteger();
    private final AtomicInteger messageNumber = new AtomicInteger();
    private final long instanceId = System.currentTimeMillis() / 1000;

    private DiscoveryResponder(Identity identity, int port, InetAddress bind, NetworkInterface nif) throws IOException {
        this.identity = identity;
        socket = new MulticastSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(bind, port));
        socket.setNetworkInterface(nif);
        socket.joinGroup(new InetSocketAddress(InetAddress.getByName(GROUP), 0), nif);
        thread = new Thread(this::serve, "onvif-double-discovery-" + identity.name());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param port 3702 for the real thing
     * @param bind the local address (null: any, which multicast needs on Linux)
     * @param interfaceName the interface to join the group on, e.g. {@code lo} in a namespace
     */
    public static DiscoveryResponder start(Identity identity, int port, InetAddress bind, String interfaceName) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(interfaceName);
            if (nif == null) {
                throw new IOException("no interface " + interfaceName);
            }
            return new DiscoveryResponder(identity, port, bind, nif);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the WS-Discovery responder of " + identity.name(), e);
        }
    }

    /** The identity of a running device double, its device service as the only XAddr. */
    public static Identity identityOf(OnvifDevice device) {
        return new Identity(device.endpoint(), device.name(), device.settings.hardware, device.settings.location,
                List.of(device.deviceServiceUrl()));
    }

    public int probesSeen() {
        return probes.get();
    }

    public int matchesSent() {
        return matches.get();
    }

    public Identity identity() {
        return identity;
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new AssertionError(thread.getName() + " did not stop");
        }
    }

    static List<String> scopesOf(String name, String hardware, String location) {
        return List.of("onvif://www.onvif.org/type/video_encoder", "onvif://www.onvif.org/type/ptz",
                "onvif://www.onvif.org/Profile/Streaming", "onvif://www.onvif.org/Profile/T",
                "onvif://www.onvif.org/name/" + encode(name), "onvif://www.onvif.org/hardware/" + encode(hardware),
                "onvif://www.onvif.org/location/" + encode(location));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void serve() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            byte[] data = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
            SocketAddress sender = packet.getSocketAddress();
            try {
                String answer = answer(data);
                if (answer != null) {
                    // WS-Discovery: wait a random moment (APP_MAX_DELAY is 500 ms) so answers spread out
                    Thread.sleep(ThreadLocalRandom.current().nextInt(50));
                    byte[] out = answer.getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(out, out.length, sender));
                    matches.incrementAndGet();
                }
            } catch (IOException e) {
                System.err.println("discovery responder " + identity.name() + ": " + e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return the ProbeMatches for a Probe that matches us, else null; counts the probes */
    private String answer(byte[] datagram) {
        Document doc;
        try {
            doc = Xml.parse(datagram);
        } catch (IOException e) {
            return null; // WS-Discovery ignores what it cannot read
        }
        if (!isProbe(doc)) {
            return null;
        }
        probes.incrementAndGet();
        return matches(identity, doc, instanceId, messageNumber.incrementAndGet());
    }

    /** The answer a responder with this identity gives to {@code probeXml} (null: none), for checks without a socket. */
    public static String answerFor(Identity identity, String probeXml) throws IOException {
        Document doc = Xml.parse(probeXml.getBytes(StandardCharsets.UTF_8));
        return isProbe(doc) ? matches(identity, doc, 1, 1) : null;
    }

    private static boolean isProbe(Document doc) {
        Element envelope = doc.getDocumentElement();
        Element header = Xml.child(envelope, Xml.SOAP, "Header");
        return Xml.child(Xml.child(envelope, Xml.SOAP, "Body"), Xml.WSD, "Probe") != null
                && PROBE.equals(Xml.childText(header, "Action"));
    }

    private static String matches(Identity identity, Document doc, long instanceId, int messageNumber) {
        Element envelope = doc.getDocumentElement();
        Element header = Xml.child(envelope, Xml.SOAP, "Header");
        Element probe = Xml.child(Xml.child(envelope, Xml.SOAP, "Body"), Xml.WSD, "Probe");
        Element types = Xml.child(probe, Xml.WSD, "Types");
        if (types != null) {
            for (String qname : types.getTextContent().trim().split("\\s+")) {
                if (qname.isEmpty()) {
                    continue;
                }
                int colon = qname.indexOf(':');
                String prefix = colon < 0 ? null : qname.substring(0, colon);
                String ns = types.lookupNamespaceURI(prefix);
                if (!TYPES.contains("{" + ns + "}" + qname.substring(colon + 1))) {
                    return null;
                }
            }
        }
        List<String> scopes = scopesOf(identity.name(), identity.hardware(), identity.location());
        Element wanted = Xml.child(probe, Xml.WSD, "Scopes");
        if (wanted != null) {
            for (String scope : wanted.getTextContent().trim().split("\\s+")) {
                if (!scope.isEmpty() && scopes.stream().noneMatch(s -> s.equals(scope) || s.startsWith(scope + "/"))) {
                    return null;
                }
            }
        }
        String relatesTo = Xml.childText(header, "MessageID");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"" + Xml.SOAP + "\" xmlns:a=\"" + Xml.WSA + "\" xmlns:d=\"" + Xml.WSD
                + "\" xmlns:dn=\"" + Xml.DN + "\" xmlns:tds=\"" + Xml.TDS + "\"><s:Header>"
                + "<a:MessageID>urn:uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + (relatesTo == null ? "" : "<a:RelatesTo>" + Xml.esc(relatesTo) + "</a:RelatesTo>")
                + "<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
                + "<a:Action>" + PROBE_MATCHES + "</a:Action>"
                + "<d:AppSequence InstanceId=\"" + instanceId + "\" MessageNumber=\"" + messageNumber
                + "\"/></s:Header><s:Body><d:ProbeMatches><d:ProbeMatch><a:EndpointReference><a:Address>"
                + Xml.esc(identity.endpoint()) + "</a:Address></a:EndpointReference>"
                + "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>"
                + "<d:Scopes>" + Xml.esc(String.join(" ", scopes)) + "</d:Scopes>"
                + "<d:XAddrs>" + Xml.esc(String.join(" ", identity.xaddrs())) + "</d:XAddrs>"
                + "<d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>";
    }

    /** A Probe as clients send it, for the tests' own checks of the responder. */
    public static String probe(String messageId, String typesXml) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + Xml.SOAP + "\" xmlns:a=\""
                + Xml.WSA + "\" xmlns:d=\"" + Xml.WSD + "\" xmlns:dn=\"" + Xml.DN + "\"><s:Header><a:Action>" + PROBE
                + "</a:Action><a:MessageID>" + messageId + "</a:MessageID><a:To>urn:schemas-xmlsoap-org:ws:2005:04:"
                + "discovery</a:To></s:Header><s:Body><d:Probe>" + (typesXml == null ? "" : "<d:Types>" + typesXml
                + "</d:Types>") + "</d:Probe></s:Body></s:Envelope>";
    }
}
