/**
 * Stream and viewer figures: fps, frames sent and dropped, latency and a health score. Implemented
 * by the metrics bundle; the core feeds the meters, the endpoints read the snapshots.
 */
@Export
@Version("1.1.0")
package org.ucv.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
