package io.conops.server.sync;

import io.conops.core.queue.Backoff;
import io.conops.core.reconcile.PolicySettings;
import io.conops.core.reconcile.ReconcilePolicy;
import io.conops.server.system.ConopsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reconcile policy, from the validated settings. */
@Configuration(proxyBeanMethods = false)
class LoopBeans {
    /** Heals in one streak after which healing stops and the app is crash-looping. */
    static final int CRASH_LOOP_AFTER = 5;

    @Bean
    ReconcilePolicy reconcilePolicy(ConopsProperties props) {
        return new ReconcilePolicy(new PolicySettings(
                props.retryErrors(),
                new Backoff(props.retryInitialBackoff(), props.retryMaxBackoff()),
                new Backoff(props.healInitialBackoff(), props.healMaxBackoff()),
                props.healCalmAfter(),
                CRASH_LOOP_AFTER));
    }
}
