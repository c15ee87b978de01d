/**
 * The protocol SPI: what a camera-protocol vendor implements.
 *
 * <p>A protocol plugin is one bundle that registers a {@link org.ucv.api.spi.StreamSourceFactory}
 * service with the service property {@value org.ucv.api.spi.StreamSourceFactory#PROTOCOL_PROPERTY}
 * naming the protocol(s) it serves. The platform opens one {@link org.ucv.api.spi.StreamSource} per
 * camera (never one per viewer) and does all the rest: decoding, encoding, fan-out, metrics and the
 * reconnect policy.
 */
@Export
@Version("1.2.0")
package org.ucv.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
