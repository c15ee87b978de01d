package org.ucv.protocol.onvif.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.DiscoveryProvider.DiscoveredCamera;
import org.w3c.dom.Element;

/**
 * WS-Discovery (2005/04, the version ONVIF uses) for network video transmitters: one Probe with
 * {@code Types dn:NetworkVideoTransmitter}, sent as SOAP 1.2 over UDP to the multicast group
 * (239.255.255.250:3702, on every multicast interface) or to one host, then every ProbeMatch that
 * comes back to our socket within the time given, merged by endpoint.
 *
 * <p>The probe runs on its own thread {@code ucv-onvif-discovery} for its duration; the socket is
 * closed on every path, and the caller waits at most the time given plus a little.
 */
public final class WsDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(WsDiscovery.class);
    /** WS-Discovery's multicast group and port (IPv4). */
    public static final String GROUP = "239.255.255.250";
    public static final int PORT = 3702;
    /** The protocol a discovered camera is configured with. */
    public static final String PROTOCOL = "onvif";
    /** UDP is lossy: the probe goes out again after this (WS-Discovery's UDP repeat). */
    private static final Duration REPEAT_AFTER = Duration.ofMillis(250);
    private static final int MAX_DATAGRAM = 65_507;
    private static final int MAX_RESULTS = 1024;
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    /** One ProbeMatch. */
    public record ProbeMatch(String endpoint, List<String> types, List<String> scopes, List<String> xaddrs) {
        public ProbeMatch {
            types = List.copyOf(types);
            scopes = List.copyOf(scopes);
            xaddrs = List.copyOf(xaddrs);
        }
    }

    private final InetAddress target;
    private final int port;
    private final int ttl;
    private final List<String> interfaces;

    /** The standard group and port, TTL 1, every interface. */
    public WsDiscovery() {
        this(address(GROUP), PORT, 1, List.of());
    }

    /**
     * @param target the multicast group (or, for tests, a unicast address to probe instead)
     * @param port the port devices listen on
     * @param ttl the multicast time-to-live (1 keeps probes on the local link)
     * @param interfaces names of the interfaces to probe on; empty for every one that is up and
     *        multicast-capable
     */
    public WsDiscovery(InetAddress target, int port, int ttl, List<String> interfaces) {
        this.target = target;
        this.port = port;
        this.ttl = ttl;
        this.interfaces = List.copyOf(interfaces);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Probes the configured group (or address).
     *
     * @param timeout how long to collect answers (at most a minute)
     * @return the devices that answered, in the order they first did
     */
    public List<DiscoveredCamera> probe(Duration timeout) {
        return run(target, null, timeout);
    }

    /**
     * Probes one host directly (unicast), for networks where multicast does not reach it.
     *
     * @param host a host name or address
     * @param timeout how long to wait for its answer
     * @return what it said (empty when it did not answer)
     * @throws IllegalArgumentException when the host name does not resolve
     */
    public List<DiscoveredCamera> probe(String host, Duration timeout) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'", e);
        }
        return run(address, address, timeout);
    }

    private List<DiscoveredCamera> run(InetAddress to, InetAddress preferred, Duration timeout) {
        Duration t = timeout.isNegative() ? Duration.ZERO : timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
        Budget budget = Budget.of(t);
        FutureTask<List<ProbeMatch>> task = new FutureTask<>(() -> collect(to, budget));
        Thread thread = new Thread(task, "ucv-onvif-discovery");
        thread.setDaemon(true);
        thread.start();
        try {
            List<ProbeMatch> matches = task.get(t.toMillis() + 2000, TimeUnit.MILLISECONDS);
            return cameras(matches, preferred);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException e) {
            LOG.warn("ONVIF discovery failed: {}", String.valueOf(e.getCause()));
            return List.of();
        } catch (TimeoutException e) {
            LOG.warn("ONVIF discovery did not end in time");
            return List.of();
        } finally {
            budget.abort(); // closes the socket if the thread is still in a receive
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs on the discovery thread: sends, resends once, collects until the budget ends. */
    private List<ProbeMatch> collect(InetAddress to, Budget budget) throws IOException {
        Map<String, ProbeMatch> found = new LinkedHashMap<>();
        String messageId = "urn:uuid:" + UUID.randomUUID();
        byte[] probe = probeMessage(messageId).getBytes(StandardCharsets.UTF_8);
        DatagramPacket out = new DatagramPacket(probe, probe.length, new InetSocketAddress(to, port));
        try (MulticastSocket socket = new MulticastSocket(new InetSocketAddress(0))) {
            budget.attach(socket);
            if (to.isMulticastAddress()) {
                socket.setTimeToLive(ttl);
            }
            int sent = send(socket, out, to);
            if (sent == 0) {
                LOG.warn("ONVIF discovery: the probe could not be sent to {}:{} on any interface", to.getHostAddress(), port);
                return List.of();
            }
            long repeatAt = System.nanoTime() + REPEAT_AFTER.toNanos();
            boolean repeated = false;
            byte[] buf = new byte[MAX_DATAGRAM];
            while (!budget.expired() && found.size() < MAX_RESULTS) {
                long untilRepeat = repeatAt - System.nanoTime();
                if (!repeated && untilRepeat <= 0) {
                    send(socket, out, to);
                    repeated = true;
                    continue;
                }
                int wait = (int) Math.max(1, Math.min(budget.remaining().toMillis(),
                        repeated ? Long.MAX_VALUE : Math.max(1, untilRepeat / 1_000_000)));
                socket.setSoTimeout(wait);
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(in);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                byte[] data = Arrays.copyOfRange(in.getData(), in.getOffset(), in.getOffset() + in.getLength());
                try {
                    for (ProbeMatch m : parseMatches(data)) {
                        merge(found, m);
                    }
                } catch (SafeXml.XmlException e) {
                    LOG.debug("ONVIF discovery: ignored an unreadable answer from {}: {}", in.getAddress(), e.getMessage());
                }
            }
        } catch (SocketException e) {
            if (!budget.aborted()) {
                throw e;
            }
        } finally {
            try {
                budget.attach(null);
            } catch (IOException e) {
                // aborted: the socket is closed already
            }
        }
        return new ArrayList<>(found.values());
    }

    /** @return on how many interfaces the probe went out */
    private int send(MulticastSocket socket, DatagramPacket packet, InetAddress to) {
        if (!to.isMulticastAddress()) {
            return trySend(socket, packet, "unicast") ? 1 : 0;
        }
        List<NetworkInterface> nis = multicastInterfaces();
        if (nis.isEmpty()) {
            // No multicast-capable interface up (a bare network namespace, say): the routing table decides.
            return trySend(socket, packet, "the default route") ? 1 : 0;
        }
        int sent = 0;
        for (NetworkInterface ni : nis) {
            try {
                socket.setNetworkInterface(ni);
            } catch (IOException e) {
                LOG.debug("ONVIF discovery: cannot use interface {}: {}", ni.getName(), e.getMessage());
                continue;
            }
            if (trySend(socket, packet, ni.getName())) {
                sent++;
            }
        }
        return sent;
    }

    private static boolean trySend(MulticastSocket socket, DatagramPacket packet, String via) {
        try {
            socket.send(packet);
            return true;
        } catch (IOException e) {
            LOG.debug("ONVIF discovery: sending the probe via {} failed: {}", via, e.getMessage());
            return false;
        }
    }

    private List<NetworkInterface> multicastInterfaces() {
        List<NetworkInterface> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                boolean named = interfaces.isEmpty() || interfaces.contains(ni.getName());
                if (named && ni.isUp() && ni.supportsMulticast()
                        && Collections.list(ni.getInetAddresses()).stream().anyMatch(a -> a instanceof Inet4Address)) {
                    out.add(ni);
                }
            }
        } catch (SocketException e) {
            LOG.debug("ONVIF discovery: cannot list the network interfaces: {}", e.getMessage());
        }
        return out;
    }

    private static void merge(Map<String, ProbeMatch> found, ProbeMatch m) {
        String key = m.endpoint().isEmpty() ? (m.xaddrs().isEmpty() ? "" : m.xaddrs().get(0)) : m.endpoint();
        if (key.isEmpty()) {
            return;
        }
        ProbeMatch before = found.get(key);
        if (before == null) {
            found.put(key, m);
            return;
        }
        // The same device answering on two interfaces: keep the first answer, add new addresses.
        List<String> xaddrs = new ArrayList<>(before.xaddrs());
        m.xaddrs().stream().filter(x -> !xaddrs.contains(x)).forEach(xaddrs::add);
        found.put(key, new ProbeMatch(before.endpoint(), before.types(), before.scopes(), xaddrs));
    }

    /**
     * @param messageId our message id ({@code urn:uuid:...})
     * @return the Probe for network video transmitters
     */
    public static String probeMessage(String messageId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"" + Ns.SOAP + "\" xmlns:a=\"" + Ns.ADDRESSING + "\" xmlns:d=\""
                + Ns.DISCOVERY + "\" xmlns:dn=\"" + Ns.NETWORK + "\">"
                + "<s:Header>"
                + "<a:Action s:mustUnderstand=\"1\">" + Ns.DISCOVERY + "/Probe</a:Action>"
                + "<a:MessageID>" + SafeXml.escape(messageId) + "</a:MessageID>"
                + "<a:ReplyTo><a:Address>" + Ns.ADDRESSING + "/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:To s:mustUnderstand=\"1\">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
                + "</s:Header>"
                + "<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body>"
                + "</s:Envelope>";
    }

    /**
     * @param datagram one UDP payload
     * @return its ProbeMatch entries (none when it is another message, e.g. a Hello)
     * @throws SafeXml.XmlException when it is not XML we accept
     */
    public static List<ProbeMatch> parseMatches(byte[] datagram) throws SafeXml.XmlException {
        Element root = SafeXml.parse(datagram, MAX_DATAGRAM).getDocumentElement();
        Element body = SafeXml.child(root, "Body").orElse(null);
        List<ProbeMatch> out = new ArrayList<>();
        for (Element matches : SafeXml.children(body, "ProbeMatches")) {
            for (Element m : SafeXml.children(matches, "ProbeMatch")) {
                String endpoint = SafeXml.text(m, "EndpointReference", "Address").orElse("");
                List<String> types = Scopes.split(SafeXml.text(m, "Types").orElse(""));
                List<String> scopes = Scopes.split(SafeXml.text(m, "Scopes").orElse(""));
                List<String> xaddrs = Scopes.split(SafeXml.text(m, "XAddrs").orElse(""));
                out.add(new ProbeMatch(endpoint, types, scopes, xaddrs));
            }
        }
        return out;
    }

    /**
     * @param matches the merged matches
     * @param preferred for a unicast probe, the host probed: its XAddr is the address given
     * @return the cameras
     */
    static List<DiscoveredCamera> cameras(List<ProbeMatch> matches, InetAddress preferred) {
        List<DiscoveredCamera> out = new ArrayList<>();
        for (ProbeMatch m : matches) {
            out.add(camera(m, preferred));
        }
        return out;
    }

    /**
     * @param m a ProbeMatch
     * @param preferred a host whose XAddr to prefer, or null
     * @return the camera it describes
     */
    public static DiscoveredCamera camera(ProbeMatch m, InetAddress preferred) {
        String address = chooseAddress(m.xaddrs(), preferred);
        return new DiscoveredCamera(PROTOCOL, address, Scopes.first(m.scopes(), "name"),
                Scopes.first(m.scopes(), "manufacturer", "mfr", "brand"), Scopes.first(m.scopes(), "hardware"),
                location(m.scopes()), m.endpoint().isEmpty() ? null : m.endpoint(), m.xaddrs());
    }

    private static String location(List<String> scopes) {
        List<String> v = Scopes.values(scopes, "location");
        return v.isEmpty() ? null : String.join(", ", v);
    }

    /**
     * The address to configure: the XAddr on the address probed, else the first http one on an IPv4
     * literal (not link-local), else the first http one, else the first.
     */
    static String chooseAddress(List<String> xaddrs, InetAddress preferred) {
        if (xaddrs.isEmpty()) {
            return null;
        }
        if (preferred != null) {
            for (String x : xaddrs) {
                if (preferred.equals(literal(host(x)))) {
                    return x;
                }
            }
        }
        String firstHttp = null;
        for (String x : xaddrs) {
            String lower = x.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                continue;
            }
            if (firstHttp == null) {
                firstHttp = x;
            }
            String host = host(x);
            if (host != null && host.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !host.startsWith("169.254.")) {
                return x;
            }
        }
        return firstHttp != null ? firstHttp : xaddrs.get(0);
    }

    /** @return the address an IP literal names, without any name lookup; null for a name */
    private static InetAddress literal(String host) {
        if (host == null || !(host.contains(":") || host.matches("[0-9.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(host); // a literal: no DNS
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String host(String uri) {
        try {
            String h = new URI(uri).getHost();
            return h == null ? null : h.replace("[", "").replace("]", "");
        } catch (Exception e) {
            return null;
        }
    }
}
