package io.conops.server.metrics;

import io.conops.server.sync.SyncEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Counts and times what the loop reports: {@code conops_syncs_total}, its duration, {@code conops_heals_total}. */
@Component
class LoopMeters {
    private final MeterRegistry meters;
    private final Timer duration;

    LoopMeters(MeterRegistry meters) {
        this.meters = meters;
        // no labels: a histogram per app and trigger would multiply its buckets by both
        this.duration = Timer.builder("conops.sync.duration")
                .description("Duration of syncs, from their record's start to its end")
                .publishPercentileHistogram()
                .register(meters);
    }

    @EventListener
    void synced(SyncEvents.SyncFinished e) {
        Counter.builder("conops.syncs")
                .description("Syncs by app, trigger and outcome")
                .tag("app", e.appName())
                .tag("trigger", e.trigger().wire())
                .tag("outcome", e.outcome().wire())
                .register(meters)
                .increment();
        duration.record(e.duration());
    }

    @EventListener
    void healed(SyncEvents.HealFinished e) {
        for (String reason : e.reasons()) {
            Counter.builder("conops.heals")
                    .description("Heals by app and reason (drift, stopped, unhealthy, orphans)")
                    .tag("app", e.appName())
                    .tag("reason", reason)
                    .register(meters)
                    .increment();
        }
    }
}
