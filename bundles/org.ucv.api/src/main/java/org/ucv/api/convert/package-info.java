/**
 * Decoding and encoding pictures, implemented by the converter bundle (FFmpeg). The core holds the
 * handles below without any native type: a picture is opaque outside the converter.
 * Instances are not thread-safe: one camera session's thread uses them.
 */
@Export
@Version("1.0.0")
package org.ucv.api.convert;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
