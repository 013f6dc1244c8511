package io.conops.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.core.app.Health;
import io.conops.core.reconcile.Decision;
import io.conops.core.reconcile.DesiredService;
import io.conops.core.reconcile.Reason;
import io.conops.core.reconcile.ServiceDecision;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwarmCompareTest {
    private static final List<DesiredService> WEB = List.of(new DesiredService("web", "h1", false));

    private static ObservedService web(int running, int desired, String update, List<String> errors) {
        return new ObservedService("web", "h1", "spec1", desired, running, update, "msg", errors);
    }

    private static ServiceDecision only(Decision d) {
        assertThat(d.services()).hasSize(1);
        return d.services().get(0);
    }

    @Test
    void allReplicasRunningWithTheDesiredHashIsInSyncAndReportsReplicas() {
        Decision d = SwarmCompare.compare(WEB, List.of(web(2, 2, "completed", List.of())), Map.of("web", "spec1"));
        assertThat(d.needsApply()).isFalse();
        assertThat(d.health()).isEqualTo(Health.HEALTHY);
        assertThat(only(d).detail()).isEqualTo("2/2 replicas running");
    }

    @Test
    void missingServiceNeedsADeploy() {
        Decision d = SwarmCompare.compare(WEB, List.of(), Map.of());
        assertThat(only(d).reason()).isEqualTo(Reason.MISSING);
        assertThat(d.health()).isEqualTo(Health.MISSING);
    }

    @Test
    void anotherSpecThanRightAfterTheDeployIsAHandChange() {
        ObservedService scaled = new ObservedService("web", "h1", "spec2", 1, 1, null, null, List.of());
        Decision d = SwarmCompare.compare(WEB, List.of(scaled), Map.of("web", "spec1"));
        assertThat(only(d).reason()).isEqualTo(Reason.HASH_DIFFERS);
        assertThat(only(d).detail()).contains("changed by hand").contains("1/1");
        assertThat(d.needsApply()).isTrue();
    }

    @Test
    void anUnknownDeployedSpecIsNotJudged() {
        ObservedService s = new ObservedService("web", "h1", "spec2", 2, 2, null, null, List.of());
        assertThat(only(SwarmCompare.compare(WEB, List.of(s), Map.of())).reason())
                .isEqualTo(Reason.IN_SYNC);
    }

    @Test
    void anotherHashLabelIsAnotherDefinition() {
        ObservedService s = new ObservedService("web", "h0", "spec1", 2, 2, null, null, List.of());
        assertThat(only(SwarmCompare.compare(WEB, List.of(s), Map.of())).reason())
                .isEqualTo(Reason.HASH_DIFFERS);
    }

    @Test
    void fewerReplicasWithTaskErrorsAreDegradedAndNameTheError() {
        Decision d = SwarmCompare.compare(WEB, List.of(web(1, 2, null, List.of("task: non-zero exit (1)"))), Map.of());
        assertThat(only(d).reason()).isEqualTo(Reason.NOT_RUNNING);
        assertThat(only(d).detail()).isEqualTo("1/2 replicas running; last task error: task: non-zero exit (1)");
        assertThat(d.health()).isEqualTo(Health.DEGRADED);
    }

    @Test
    void fewerReplicasWithoutErrorsAreStarting() {
        Decision d = SwarmCompare.compare(WEB, List.of(web(1, 2, null, List.of())), Map.of());
        assertThat(only(d).reason()).isEqualTo(Reason.STARTING);
        assertThat(d.health()).isEqualTo(Health.PROGRESSING);
    }

    @Test
    void anUpdateUnderWayIsProgressingAndAPausedOneDegraded() {
        assertThat(only(SwarmCompare.compare(WEB, List.of(web(2, 2, "updating", List.of())), Map.of()))
                        .health())
                .isEqualTo(Health.PROGRESSING);
        ServiceDecision paused = only(SwarmCompare.compare(WEB, List.of(web(2, 2, "paused", List.of())), Map.of()));
        assertThat(paused.reason()).isEqualTo(Reason.UNHEALTHY);
        assertThat(paused.detail()).isEqualTo("update paused: msg");
    }

    @Test
    void aServiceOutsideTheDesiredStateIsAnOrphan() {
        ObservedService extra = new ObservedService("old", null, "x", 1, 1, null, null, List.of());
        Decision d = SwarmCompare.compare(WEB, List.of(web(2, 2, null, List.of()), extra), Map.of());
        assertThat(d.services()).extracting(ServiceDecision::reason).containsExactly(Reason.IN_SYNC, Reason.ORPHAN);
    }
}
