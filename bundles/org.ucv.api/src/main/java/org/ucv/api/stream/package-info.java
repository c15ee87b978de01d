/**
 * The stream service: how the platform's own bundles (WebSocket endpoint, REST, console) watch
 * cameras. One camera connection serves any number of viewers.
 */
@Export
@Version("1.0.0")
package org.ucv.api.stream;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
