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
     * @param protocol the protocol that can stream it (the value for a camera's {@code protocol})
     * @param address the address to configure (a URL, e.g. the ONVIF device service)
     * @param name a human name, if the device gave one
     * @param brand the make, if known
     * @param hardware the model, if known
     * @param location where the device says it is, if it says
     * @param endpoint the device's stable identity (e.g. {@code urn:uuid:...}), if known
     * @param addresses every service address the device announced (e.g. ONVIF XAddrs)
     */
    record DiscoveredCamera(String protocol, String address, String name, String brand, String hardware,
                            String location, String endpoint, List<String> addresses) {
        public DiscoveredCamera {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }

        /** The SPI 1.1 form: a camera known by its address only. */
        public DiscoveredCamera(String protocol, String address, String name, String brand) {
            this(protocol, address, name, brand, null, null, null, List.of(address));
        }
    }
}
