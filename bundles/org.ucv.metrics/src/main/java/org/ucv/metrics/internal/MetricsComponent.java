package org.ucv.metrics.internal;

import org.osgi.service.component.annotations.Component;
import org.ucv.api.metrics.MetricsService;

/** Publishes {@link Metrics} on the system's monotonic clock. */
@Component(service = MetricsService.class)
public class MetricsComponent extends Metrics {
    public MetricsComponent() {
        super(System::nanoTime);
    }
}
