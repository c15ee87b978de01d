package org.ucv.protocol.onvif;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.DiscoveryProvider;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.protocol.onvif.internal.WsDiscovery;

/**
 * Finds ONVIF cameras with WS-Discovery: a multicast Probe for network video transmitters, and
 * ({@link #discover(String, Duration)}) a unicast one to a given host.
 */
@Component(service = DiscoveryProvider.class, configurationPid = OnvifDiscoveryProvider.PID,
        property = StreamSourceFactory.PROTOCOL_PROPERTY + "=onvif")
@Designate(ocd = OnvifDiscoveryProvider.Config.class)
public class OnvifDiscoveryProvider implements DiscoveryProvider {
    static final String PID = "org.ucv.protocol.onvif.discovery";
    private static final Logger LOG = LoggerFactory.getLogger(OnvifDiscoveryProvider.class);

    @ObjectClassDefinition(name = "UCV ONVIF discovery", description = "WS-Discovery of ONVIF cameras")
    public @interface Config {
        @AttributeDefinition(description = "Where the probe goes: the WS-Discovery multicast group")
        String multicast_address() default WsDiscovery.GROUP;

        @AttributeDefinition(description = "The port devices listen on")
        int port() default WsDiscovery.PORT;

        @AttributeDefinition(description = "Multicast time-to-live: 1 keeps the probe on the local network")
        int ttl() default 1;

        @AttributeDefinition(description = "Interfaces to probe on, by name (e.g. eth0); empty for every"
                + " multicast-capable interface that is up", required = false)
        String[] interfaces() default {};

        @AttributeDefinition(description = "The longest a discovery may listen for answers, in ms")
        long max_timeout_ms() default 10_000;
    }

    private volatile WsDiscovery discovery = new WsDiscovery();
    private volatile Duration maxTimeout = Duration.ofSeconds(10);

    @Activate
    @Modified
    void activate(Config config) {
        try {
            InetAddress group = InetAddress.getByName(config.multicast_address().trim());
            if (config.port() < 1 || config.port() > 65535 || config.ttl() < 0 || config.ttl() > 255) {
                throw new IllegalArgumentException("port must be 1-65535 and ttl 0-255");
            }
            // Metatype's empty default (and a cleared field in the console) arrive as [""]: no names.
            List<String> names = config.interfaces() == null ? List.of()
                    : Arrays.stream(config.interfaces()).filter(n -> n != null && !n.isBlank()).map(String::trim).toList();
            discovery = new WsDiscovery(group, config.port(), config.ttl(), names);
        } catch (UnknownHostException | IllegalArgumentException e) {
            LOG.error("ONVIF discovery: bad configuration ({}); using {}:{}", e.getMessage(), WsDiscovery.GROUP,
                    WsDiscovery.PORT);
            discovery = new WsDiscovery();
        }
        maxTimeout = Duration.ofMillis(Math.max(100, config.max_timeout_ms()));
    }

    @Override
    public List<DiscoveredCamera> discover(Duration timeout) {
        List<DiscoveredCamera> found = discovery.probe(cap(timeout));
        LOG.info("ONVIF discovery found {} device(s)", found.size());
        return found;
    }

    /**
     * A unicast probe of one host, for cameras that multicast does not reach.
     *
     * @param host a host name or address
     * @param timeout how long to wait for its answer
     * @return what the host said, empty when it did not answer
     * @throws IllegalArgumentException when the host name does not resolve
     */
    public List<DiscoveredCamera> discover(String host, Duration timeout) {
        return discovery.probe(host, cap(timeout));
    }

    private Duration cap(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            return Duration.ofSeconds(3);
        }
        return timeout.compareTo(maxTimeout) > 0 ? maxTimeout : timeout;
    }
}
