package io.conops.core.reconcile;

import static io.conops.core.reconcile.ReconcilePolicyTest.A;
import static io.conops.core.reconcile.ReconcilePolicyTest.B;
import static io.conops.core.reconcile.ReconcilePolicyTest.HEAD_B;
import static io.conops.core.reconcile.ReconcilePolicyTest.NOTHING;
import static io.conops.core.reconcile.ReconcilePolicyTest.NOW;
import static io.conops.core.reconcile.ReconcilePolicyTest.NO_RETRY;
import static io.conops.core.reconcile.ReconcilePolicyTest.SYNCED_A;
import static io.conops.core.reconcile.ReconcilePolicyTest.WEB_MISSING;
import static io.conops.core.reconcile.ReconcilePolicyTest.deploy;
import static io.conops.core.reconcile.ReconcilePolicyTest.heal;
import static io.conops.core.reconcile.ReconcilePolicyTest.skip;
import static org.assertj.core.api.Assertions.assertThat;

import io.conops.core.app.AppStatus;
import io.conops.core.app.ConditionType;
import io.conops.core.app.Health;
import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import io.conops.core.reconcile.ReconcilePolicyTest.Expect;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A rollback pins the app: the rules of following, syncing and healing while pinned, as rows. */
class PinningPolicyTest {
    static final ReconcilePolicy POLICY = new ReconcilePolicy(NO_RETRY);

    /** Rolled back to A and running it; the branch has moved on to B. */
    static final AppStatus PINNED_A_HEAD_B = SYNCED_A.with(b -> {
        b.pinnedCommit = A;
        b.lastSeenCommit = B;
    });
    /** Running B, just pinned to A (the rollback's sync has not run yet). */
    static final AppStatus SYNCED_B_PINNED_A = SYNCED_A.with(b -> {
        b.lastSeenCommit = B;
        b.lastSyncedCommit = B;
        b.pinnedCommit = A;
    });

    record Row(String rule, AppStatus status, Trigger trigger, Observation seen, Expect expect) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Expect pinnedAndRecorded(String head) {
        return skip(s -> {
            assertThat(s.lastSeenCommit()).isEqualTo(head);
            assertThat(s.sync()).isEqualTo(SyncStatus.SYNCED);
            assertThat(s.condition(ConditionType.PINNED).message())
                    .contains("pinned at aaaaaaa")
                    .contains("the branch is at bbbbbbb");
        });
    }

    static Stream<Row> rules() {
        return Stream.of(
                new Row(
                        "a poll on a pinned app records the new head and deploys nothing",
                        SYNCED_A.with(b -> b.pinnedCommit = A),
                        Trigger.POLL,
                        HEAD_B,
                        pinnedAndRecorded(B)),
                new Row(
                        "a webhook on a pinned app records the pushed head and deploys nothing",
                        SYNCED_A.with(b -> b.pinnedCommit = A),
                        Trigger.WEBHOOK,
                        HEAD_B,
                        pinnedAndRecorded(B)),
                new Row(
                        "a queued poll on a pinned app deploys nothing",
                        PINNED_A_HEAD_B,
                        Trigger.POLL,
                        NOTHING,
                        skip()),
                new Row(
                        "a rollback deploys the pinned commit",
                        SYNCED_B_PINNED_A,
                        Trigger.ROLLBACK,
                        NOTHING,
                        deploy(A)),
                new Row(
                        "a poll after a rollback that did not run yet deploys the pinned commit",
                        SYNCED_B_PINNED_A,
                        Trigger.POLL,
                        HEAD_B,
                        deploy(A)),
                new Row(
                        "a manual sync of a pinned app applies the pinned commit again",
                        PINNED_A_HEAD_B,
                        Trigger.MANUAL,
                        HEAD_B,
                        deploy(A)),
                new Row(
                        "a rollback on an app unpinned meanwhile syncs the head, as a manual sync",
                        SYNCED_A.withLastSeen(B),
                        Trigger.ROLLBACK,
                        NOTHING,
                        deploy(B)),
                new Row(
                        "a moving tag does not redeploy a pinned app",
                        SYNCED_A.with(b -> b.pinnedCommit = A),
                        Trigger.IMAGE_UPDATE,
                        NOTHING,
                        skip()),
                new Row(
                        "drift on a pinned app heals the pinned deployment, not the head",
                        PINNED_A_HEAD_B,
                        Trigger.DRIFT,
                        WEB_MISSING,
                        heal(List.of("web"), List.of(), false, List.of())),
                new Row(
                        "an app that is not pinned shows no Pinned condition",
                        SYNCED_A.withCondition(ConditionType.PINNED, "stale", NOW),
                        Trigger.POLL,
                        HEAD_B,
                        a -> assertThat(a.next().has(ConditionType.PINNED)).isFalse()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rule(Row row) {
        row.expect().accept(POLICY.decide(row.status(), row.trigger(), row.seen(), NOW));
    }

    @Test
    void pinningSetsTheCommitAndTheConditionAndWaitsForTheRollbacksSync() {
        AppStatus pinned = POLICY.pin(
                SYNCED_A.with(b -> {
                    b.lastSeenCommit = B;
                    b.lastSyncedCommit = B;
                }),
                A,
                NOW);
        assertThat(pinned.pinnedCommit()).isEqualTo(A);
        assertThat(pinned.target()).isEqualTo(A);
        assertThat(pinned.sync()).isEqualTo(SyncStatus.PENDING);
        assertThat(pinned.has(ConditionType.PINNED)).isTrue();
    }

    @Test
    void theRollbacksDeploymentMakesThePinnedAppSyncedThoughTheBranchMovedOn() {
        AppStatus after = POLICY.deployed(SYNCED_B_PINNED_A, A, Health.HEALTHY, NOW);
        assertThat(after.sync()).isEqualTo(SyncStatus.SYNCED);
        assertThat(after.lastSyncedCommit()).isEqualTo(A);
        assertThat(after.lastSeenCommit()).isEqualTo(B);
    }

    @Test
    void unpinningFollowsTheBranchAgainAndTheNewerHeadIsPending() {
        AppStatus unpinned = POLICY.unpin(PINNED_A_HEAD_B.withCondition(ConditionType.PINNED, "pinned", NOW), NOW);
        assertThat(unpinned.pinnedCommit()).isNull();
        assertThat(unpinned.has(ConditionType.PINNED)).isFalse();
        assertThat(unpinned.sync()).isEqualTo(SyncStatus.PENDING);
        assertThat(POLICY.decide(unpinned, Trigger.POLL, NOTHING, NOW)).satisfies(deploy(B));
    }

    @Test
    void unpinningAnAppAtItsHeadLeavesItSynced() {
        AppStatus unpinned = POLICY.unpin(SYNCED_A.with(b -> b.pinnedCommit = A), NOW);
        assertThat(unpinned.sync()).isEqualTo(SyncStatus.SYNCED);
    }
}
