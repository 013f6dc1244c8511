package io.conops.core.reconcile;

import static io.conops.core.reconcile.ReconcilePolicyTest.A;
import static io.conops.core.reconcile.ReconcilePolicyTest.B;
import static io.conops.core.reconcile.ReconcilePolicyTest.NOW;
import static io.conops.core.reconcile.ReconcilePolicyTest.RETRY;
import static io.conops.core.reconcile.ReconcilePolicyTest.SYNCED_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.conops.core.app.AppStatus;
import io.conops.core.app.ConditionType;
import io.conops.core.app.Health;
import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a deployment's or a heal's outcome does to the status: backoff, crash loops, conditions. */
class ReconcileOutcomesTest {
    final ReconcilePolicy policy = new ReconcilePolicy(RETRY);

    @Test
    void failuresOfOneCommitGrowTheRetryBackoffUpToItsCap() {
        AppStatus s = SYNCED_A.withLastSeen(B);
        List<Duration> waits = new ArrayList<>();
        Instant t = NOW;
        for (int i = 0; i < 8; i++) {
            s = policy.deployFailed(s, B, ConditionType.INVALID_COMPOSE, "bad yaml", t);
            waits.add(Duration.between(t, s.nextRetryAt()));
            t = s.nextRetryAt();
        }
        assertThat(waits)
                .containsExactly(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(40),
                        Duration.ofSeconds(80),
                        Duration.ofSeconds(160),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5));
        assertThat(s.failureCount()).isEqualTo(8);
        assertThat(s.lastSyncedCommit()).isEqualTo(A);
    }

    @Test
    void failuresWithoutACommitGrowTheBackoffToo() {
        AppStatus s = AppStatus.registered();
        s = policy.deployFailed(s, null, ConditionType.GIT_UNREACHABLE, "cannot reach", NOW);
        assertThat(s.failureCount()).isEqualTo(1);
        s = policy.deployFailed(s, null, ConditionType.GIT_UNREACHABLE, "cannot reach", NOW);
        s = policy.deployFailed(s, null, ConditionType.GIT_UNREACHABLE, "cannot reach", NOW);
        assertThat(s.failureCount()).isEqualTo(3);
        assertThat(s.nextRetryAt()).isEqualTo(NOW.plusSeconds(40));
    }

    @Test
    void aNewFailingCommitStartsTheCountOver() {
        AppStatus s = policy.deployFailed(SYNCED_A, B, ConditionType.APPLY_FAILED, "x", NOW);
        s = policy.deployFailed(s, B, ConditionType.APPLY_FAILED, "x", NOW);
        s = policy.deployFailed(s, "c".repeat(40), ConditionType.APPLY_FAILED, "x", NOW);
        assertThat(s.failureCount()).isEqualTo(1);
    }

    @Test
    void onlyTheCauseOfTheLatestFailureHolds() {
        AppStatus s = policy.deployFailed(SYNCED_A, B, ConditionType.INVALID_COMPOSE, "bad yaml", NOW);
        s = policy.deployFailed(s, B, ConditionType.CRASH_LOOP, "web exited with code 3", NOW.plusSeconds(1));
        assertThat(s.conditions()).extracting(c -> c.type()).containsExactly(ConditionType.CRASH_LOOP);
        assertThat(s.sync()).isEqualTo(SyncStatus.ERROR);
        assertThat(s.lastError()).isEqualTo("web exited with code 3");
    }

    @Test
    void aSuccessfulDeploymentClearsEveryApplyAndGitCondition() {
        AppStatus s = policy.deployFailed(SYNCED_A.withLastSeen(B), B, ConditionType.CRASH_LOOP, "exit 3", NOW)
                .withCondition(ConditionType.GIT_UNREACHABLE, "gone", NOW)
                .withCondition(ConditionType.ENGINE_UNREACHABLE, "down", NOW);
        AppStatus done = policy.deployed(s, B, Health.HEALTHY, NOW.plusSeconds(5));
        assertThat(done.sync()).isEqualTo(SyncStatus.SYNCED);
        assertThat(done.lastSyncedCommit()).isEqualTo(B);
        assertThat(done.lastError()).isNull();
        assertThat(done.failureCount()).isZero();
        assertThat(done.nextRetryAt()).isNull();
        assertThat(done.conditions()).extracting(c -> c.type()).containsExactly(ConditionType.ENGINE_UNREACHABLE);
    }

    @Test
    void aDeploymentOvertakenByANewerHeadLeavesTheAppPending() {
        AppStatus s = SYNCED_A.withLastSeen("c".repeat(40));
        assertThat(policy.deployed(s, B, Health.HEALTHY, NOW).sync()).isEqualTo(SyncStatus.PENDING);
    }

    @Test
    void healingStopsAfterTheCrashLoopLimitAndSaysSo() {
        AppStatus s = SYNCED_A;
        Instant t = NOW;
        int heals = 0;
        for (int i = 0; i < 20; i++) {
            Action a = policy.decide(s, Trigger.DRIFT, ReconcilePolicyTest.WEB_MISSING, t);
            if (a instanceof Action.WaitUntil w) {
                t = w.at();
                continue;
            }
            if (!(a instanceof Action.Heal)) {
                break;
            }
            heals++;
            s = policy.healed(a.next(), true, "web: exited (exit code 3)", t);
        }
        assertThat(heals).isEqualTo(5);
        assertThat(s.heal().stopped()).isTrue();
        assertThat(s.condition(ConditionType.CRASH_LOOP).message())
                .contains("healed 5 times in a row")
                .contains("exit code 3")
                .contains("healing stopped");
        assertThat(s.health()).isEqualTo(Health.DEGRADED);
        assertThat(s.sync()).isEqualTo(SyncStatus.SYNCED);
        // and stays stopped, however long it waits, until a new commit or a manual sync
        Action later = policy.decide(s, Trigger.DRIFT, ReconcilePolicyTest.WEB_MISSING, t.plus(Duration.ofHours(3)));
        assertThat(later).isInstanceOf(Action.Skip.class);
        assertThat(policy.decide(s, Trigger.MANUAL, Observation.head(A), t)).isInstanceOf(Action.Deploy.class);
        assertThat(policy.deployed(s, A, Health.HEALTHY, t).heal()).isNull();
    }

    @Test
    void aFailedHealIsAConditionAndDegradesTheApp() {
        AppStatus s = policy.healed(SYNCED_A, false, "docker compose up failed: port is taken", NOW);
        assertThat(s.condition(ConditionType.APPLY_FAILED).message()).contains("port is taken");
        assertThat(s.health()).isEqualTo(Health.DEGRADED);
        assertThat(s.sync()).isEqualTo(SyncStatus.SYNCED);
        AppStatus ok = policy.healed(s, true, "web missing", NOW.plusSeconds(2));
        assertThat(ok.has(ConditionType.APPLY_FAILED)).isFalse();
    }

    @Test
    void aConditionKeepsItsSinceWhileItHolds() {
        AppStatus s = SYNCED_A.withCondition(ConditionType.GIT_UNREACHABLE, "timed out", NOW);
        s = s.withCondition(ConditionType.GIT_UNREACHABLE, "connection refused", NOW.plusSeconds(30));
        assertThat(s.condition(ConditionType.GIT_UNREACHABLE).since()).isEqualTo(NOW);
        assertThat(s.condition(ConditionType.GIT_UNREACHABLE).message()).isEqualTo("connection refused");
    }
}
