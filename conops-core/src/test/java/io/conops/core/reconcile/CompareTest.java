package io.conops.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.core.app.Health;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareTest {
    static ObservedContainer running(String service, String hash) {
        return new ObservedContainer(
                "id-" + service, "p-" + service + "-1", service, "img", "running", 0, ContainerHealth.NONE, hash);
    }

    static ObservedContainer exited(String service, String hash, int code) {
        return new ObservedContainer(
                "id-" + service, "p-" + service + "-1", service, "img", "exited", code, ContainerHealth.NONE, hash);
    }

    @Test
    void runningContainersWithTheDesiredHashAreInSync() {
        Decision d = Compare.compare(List.of(new DesiredService("web", "h1", false)), List.of(running("web", "h1")));
        assertThat(d.needsApply()).isFalse();
        assertThat(d.health()).isEqualTo(Health.HEALTHY);
        assertThat(d.services()).extracting(ServiceDecision::reason).containsExactly(Reason.IN_SYNC);
    }

    @Test
    void missingServiceNeedsApplyAndIsMissing() {
        Decision d = Compare.compare(List.of(new DesiredService("web", "h1", false)), List.of());
        assertThat(d.needsApply()).isTrue();
        assertThat(d.health()).isEqualTo(Health.MISSING);
        assertThat(d.services().get(0).reason()).isEqualTo(Reason.MISSING);
    }

    @Test
    void exitedLongRunningServiceIsNotRunning() {
        Decision d =
                Compare.compare(List.of(new DesiredService("web", "h1", false)), List.of(exited("web", "h1", 137)));
        assertThat(d.services().get(0).reason()).isEqualTo(Reason.NOT_RUNNING);
        assertThat(d.services().get(0).detail()).contains("exit code 137");
        assertThat(d.health()).isEqualTo(Health.DEGRADED);
    }

    @Test
    void oneShotThatExitedZeroIsCompletedNotDrift() {
        Decision d = Compare.compare(
                List.of(new DesiredService("migrate", "h1", true)), List.of(exited("migrate", "h1", 0)));
        assertThat(d.needsApply()).isFalse();
        assertThat(d.services().get(0).reason()).isEqualTo(Reason.COMPLETED);
    }

    @Test
    void oneShotThatFailedIsDrift() {
        Decision d = Compare.compare(
                List.of(new DesiredService("migrate", "h1", true)), List.of(exited("migrate", "h1", 1)));
        assertThat(d.services().get(0).reason()).isEqualTo(Reason.NOT_RUNNING);
    }

    @Test
    void unhealthyContainerNeedsApply() {
        ObservedContainer sick =
                new ObservedContainer("i", "n", "web", "img", "running", 0, ContainerHealth.UNHEALTHY, "h1");
        Decision d = Compare.compare(List.of(new DesiredService("web", "h1", false)), List.of(sick));
        assertThat(d.services().get(0).reason()).isEqualTo(Reason.UNHEALTHY);
        assertThat(d.needsApply()).isTrue();
    }

    @Test
    void startingHealthcheckIsProgressingNotDrift() {
        ObservedContainer starting =
                new ObservedContainer("i", "n", "web", "img", "running", 0, ContainerHealth.STARTING, "h1");
        Decision d = Compare.compare(List.of(new DesiredService("web", "h1", false)), List.of(starting));
        assertThat(d.needsApply()).isFalse();
        assertThat(d.health()).isEqualTo(Health.PROGRESSING);
    }

    @Test
    void handRecreatedContainerWithoutHashLabelIsDrift() {
        Decision d = Compare.compare(List.of(new DesiredService("web", "h1", false)), List.of(running("web", null)));
        assertThat(d.services().get(0).reason()).isEqualTo(Reason.HASH_DIFFERS);
        assertThat(d.services().get(0).detail()).contains("changed by hand");
    }

    @Test
    void containerOfAnotherDefinitionIsDrift() {
        Decision d = Compare.compare(List.of(new DesiredService("web", "h2", false)), List.of(running("web", "h1")));
        assertThat(d.services().get(0).reason()).isEqualTo(Reason.HASH_DIFFERS);
    }

    @Test
    void unknownHashIsNotComparedButStateStillIs() {
        Decision d =
                Compare.compare(List.of(new DesiredService("web", null, false)), List.of(running("web", "anything")));
        assertThat(d.needsApply()).isFalse();
    }

    @Test
    void extraContainerInTheProjectIsAnOrphan() {
        Decision d = Compare.compare(
                List.of(new DesiredService("web", "h1", false)),
                List.of(running("web", "h1"), running("intruder", null)));
        assertThat(d.needsApply()).isTrue();
        assertThat(d.services()).extracting(ServiceDecision::reason).containsExactly(Reason.IN_SYNC, Reason.ORPHAN);
        assertThat(d.health()).isEqualTo(Health.HEALTHY);
        assertThat(d.summary()).contains("intruder");
    }

    @Test
    void decisionsAreOrderedByServiceName() {
        Decision d = Compare.compare(
                List.of(new DesiredService("zeta", "h", false), new DesiredService("alpha", "h", false)),
                List.of(running("zeta", "h"), running("alpha", "h")));
        assertThat(d.services()).extracting(ServiceDecision::service).containsExactly("alpha", "zeta");
    }

    @Test
    void noDesiredServicesIsUnknownHealth() {
        assertThat(Compare.compare(List.of(), List.of()).health()).isEqualTo(Health.UNKNOWN);
    }
}
