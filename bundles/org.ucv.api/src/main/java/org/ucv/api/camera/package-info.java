/** The configured cameras: read from ConfigAdmin factory configurations by the registry bundle. */
@Export
@Version("1.1.0")
package org.ucv.api.camera;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
