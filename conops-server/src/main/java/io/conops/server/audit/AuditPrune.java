package io.conops.server.audit;

import io.conops.server.system.ConopsProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets audit entries older than {@code CONOPS_AUDIT_RETENTION}, once a day and soon after start. */
@Component
public class AuditPrune {
    private static final Logger log = LoggerFactory.getLogger(AuditPrune.class);
    private final AuditRepository entries;
    private final ConopsProperties props;
    private final Clock clock;

    AuditPrune(AuditRepository entries, ConopsProperties props, Clock clock) {
        this.entries = entries;
        this.props = props;
        this.clock = clock;
    }

    /** Returns how many entries were removed. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "P1D")
    public int prune() {
        int removed = entries.deleteOlderThan(clock.instant().minus(props.auditRetention()));
        if (removed > 0) {
            log.info("Pruned {} audit entries older than {}", removed, props.auditRetention());
        }
        return removed;
    }
}
