/**
 * Stream and viewer figures: fps, frames sent and dropped, latency and a health score. Implemented
 * by the metrics bundle; the core feeds the meters, the endpoints read the snapshots.
 * 1.2: {@link org.ucv.api.metrics.MetricsService#totals()} (per camera counters across sessions, a
 * latency histogram) and {@link org.ucv.api.metrics.StreamMeter#reconnecting()}.
 */
@Export
@Version("1.2.0")
package org.ucv.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
