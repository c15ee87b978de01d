/**
 * Framework-free network helpers shared by protocol plugins: HTTP Basic and Digest client
 * authentication (RFC 7617, RFC 7616) and the parser of {@code WWW-Authenticate} challenges.
 *
 * <p>Masking credentials in URLs and texts is {@code org.ucv.api.spi.CameraConfig#maskUserInfo}
 * and {@code CameraConfig#redact}; this package does not repeat it.
 */
@Export
@Version("1.1.0")
package org.ucv.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
