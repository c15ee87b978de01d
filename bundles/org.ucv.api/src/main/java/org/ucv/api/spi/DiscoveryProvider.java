package org.ucv.api.spi;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/** A service of its own: finds cameras on the network (e.g. ONVIF WS-Discovery). */
@ConsumerType
public interface DiscoveryProvider {
    /**
     * Probes the network. Blocks for at most the timeout.
     *
     * @param timeout how long to listen for answers
     * @return the cameras that answered
     */
    List<DiscoveredCamera> discover(Duration timeout);

    /**
     * A camera found on the network.
     *
     * @param protocol the protocol that can stream it
     * @param address the address to configure (a URL)
     * @param name a human name, if the device gave one
     * @param brand the make, if known
     */
    record DiscoveredCamera(String protocol, String address, String name, String brand) {
    }
}
