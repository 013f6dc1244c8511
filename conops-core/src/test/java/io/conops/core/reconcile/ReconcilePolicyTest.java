package io.conops.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.core.app.AppStatus;
import io.conops.core.app.ConditionType;
import io.conops.core.app.HealStreak;
import io.conops.core.app.Health;
import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import io.conops.core.queue.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the loop as a row: status × trigger × observation → action. */
class ReconcilePolicyTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String A = "a".repeat(40);
    static final String B = "b".repeat(40);
    static final PolicySettings NO_RETRY = settings(false);
    static final PolicySettings RETRY = settings(true);

    static PolicySettings settings(boolean retry) {
        return new PolicySettings(
                retry,
                new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5)),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
                Duration.ofMinutes(2),
                5);
    }

    // ---- statuses ----------------------------------------------------------------------------

    static AppStatus status(Consumer<AppStatus.Builder> change) {
        return AppStatus.registered().with(change);
    }

    static final AppStatus REGISTERED = AppStatus.registered();
    static final AppStatus SYNCED_A = status(b -> {
        b.sync = SyncStatus.SYNCED;
        b.health = Health.HEALTHY;
        b.lastSeenCommit = A;
        b.lastSyncedCommit = A;
    });
    static final AppStatus ERROR_B_AFTER_A = SYNCED_A.with(b -> {
        b.sync = SyncStatus.ERROR;
        b.lastSeenCommit = B;
        b.failedCommit = B;
        b.failureCount = 1;
        b.lastError = "invalid compose file";
    });
    static final AppStatus ERROR_B_RETRY_LATER = ERROR_B_AFTER_A.with(b -> b.nextRetryAt = NOW.plusSeconds(30));
    static final AppStatus ERROR_B_RETRY_DUE = ERROR_B_AFTER_A.with(b -> b.nextRetryAt = NOW.minusSeconds(1));
    static final AppStatus NEVER_RESOLVED_ERROR = status(b -> {
        b.sync = SyncStatus.ERROR;
        b.failureCount = 2;
        b.lastError = "cannot reach";
    });
    static final AppStatus STREAK_4 =
            SYNCED_A.withHeal(new HealStreak(4, 0, NOW.minusSeconds(60), true, "died", false));
    static final AppStatus STREAK_2_RECENT =
            SYNCED_A.withHeal(new HealStreak(2, 0, NOW.minusSeconds(1), true, "died", false));
    static final AppStatus STREAK_OLD =
            SYNCED_A.withHeal(new HealStreak(4, 0, NOW.minusSeconds(600), true, "x", false));
    static final AppStatus STOPPED = SYNCED_A.withHeal(new HealStreak(5, 0, NOW.minusSeconds(600), true, "x", true))
            .withCondition(ConditionType.CRASH_LOOP, "healing stopped", NOW.minusSeconds(600));

    // ---- observations ------------------------------------------------------------------------

    static final Observation NOTHING = Observation.NOTHING;
    static final Observation HEAD_A = Observation.head(A);
    static final Observation HEAD_B = Observation.head(B);
    static final Observation UNREACHABLE = Observation.gitFailed(ConditionType.GIT_UNREACHABLE, "cannot reach x");
    static final Observation AUTH = Observation.gitFailed(ConditionType.AUTH_FAILED, "authentication failed");
    static final Observation NOT_ALLOWED = Observation.gitFailed(ConditionType.REPO_NOT_ALLOWED, "file:// disabled");
    static final Observation IN_SYNC = engine(d("web", Reason.IN_SYNC, Health.HEALTHY));
    static final Observation WEB_MISSING =
            engine(d("web", Reason.MISSING, Health.MISSING), d("db", Reason.IN_SYNC, Health.HEALTHY));
    static final Observation WEB_DEAD_JOB_DONE = engine(
            d("web", Reason.NOT_RUNNING, Health.DEGRADED),
            d("migrate", Reason.COMPLETED, Health.HEALTHY),
            d("db", Reason.IN_SYNC, Health.HEALTHY));
    static final Observation UNHEALTHY_AND_ORPHAN =
            engine(d("web", Reason.UNHEALTHY, Health.DEGRADED), d("extra", Reason.ORPHAN, Health.UNKNOWN));
    static final Observation ENGINE_DOWN = Observation.engineUnreachable("cannot connect to the Docker daemon");

    static ServiceDecision d(String service, Reason reason, Health health) {
        return new ServiceDecision(service, reason, health, reason.wire());
    }

    static Observation engine(ServiceDecision... services) {
        return Observation.engine(new Decision(List.of(services)));
    }

    // ---- the table ---------------------------------------------------------------------------

    record Row(
            String rule, PolicySettings settings, AppStatus status, Trigger trigger, Observation seen, Expect expect) {
        @Override
        public String toString() {
            return rule;
        }
    }

    /** What a row expects: the action's kind and what it must say. */
    interface Expect extends Consumer<Action> {}

    static Expect deploy(String commit) {
        return a -> {
            assertThat(a).isInstanceOf(Action.Deploy.class);
            assertThat(((Action.Deploy) a).commit()).isEqualTo(commit);
        };
    }

    static Expect skip(Consumer<AppStatus> check) {
        return a -> {
            assertThat(a).isInstanceOf(Action.Skip.class);
            check.accept(a.next());
        };
    }

    static Expect skip() {
        return skip(s -> {});
    }

    static Expect waitUntil(Instant at) {
        return a -> {
            assertThat(a).isInstanceOf(Action.WaitUntil.class);
            assertThat(((Action.WaitUntil) a).at()).isEqualTo(at);
        };
    }

    static Expect fail(ConditionType type, Consumer<AppStatus> check) {
        return a -> {
            assertThat(a).isInstanceOf(Action.Fail.class);
            assertThat(((Action.Fail) a).type()).isEqualTo(type);
            assertThat(a.next().has(type)).isTrue();
            check.accept(a.next());
        };
    }

    static Expect heal(List<String> services, List<String> start, boolean orphans, List<String> restart) {
        return a -> {
            assertThat(a).isInstanceOf(Action.Heal.class);
            Action.Heal h = (Action.Heal) a;
            assertThat(h.commit()).isEqualTo(A);
            assertThat(h.services()).containsExactlyElementsOf(services);
            assertThat(h.start()).containsExactlyElementsOf(start);
            assertThat(h.removeOrphans()).isEqualTo(orphans);
            assertThat(h.restart()).containsExactlyElementsOf(restart);
        };
    }

    static Row row(String rule, AppStatus s, Trigger t, Observation o, Expect e) {
        return new Row(rule, NO_RETRY, s, t, o, e);
    }

    static Row row(String rule, PolicySettings p, AppStatus s, Trigger t, Observation o, Expect e) {
        return new Row(rule, p, s, t, o, e);
    }

    static Stream<Row> rules() {
        return Stream.of(
                // detecting and following
                row("a new app's first sync deploys the head", REGISTERED, Trigger.REGISTER, HEAD_A, deploy(A)),
                row("a poll that sees a new head deploys it", SYNCED_A, Trigger.POLL, HEAD_B, deploy(B)),
                row(
                        "a poll during a sync queues another without hiding the running one",
                        REGISTERED.withLastSeen(A).withSync(SyncStatus.SYNCING),
                        Trigger.POLL,
                        HEAD_A,
                        a -> {
                            deploy(A).accept(a);
                            assertThat(a.next().sync()).isEqualTo(SyncStatus.SYNCING);
                        }),
                row("a poll that sees the synced head does nothing", SYNCED_A, Trigger.POLL, HEAD_A, skip()),
                row(
                        "a queued poll deploys the last seen head",
                        SYNCED_A.withLastSeen(B),
                        Trigger.POLL,
                        NOTHING,
                        deploy(B)),
                row(
                        "start-up resumes an interrupted sync",
                        SYNCED_A.withLastSeen(B).withSync(SyncStatus.SYNCING),
                        Trigger.STARTUP,
                        NOTHING,
                        deploy(B)),
                // failed commits are never re-applied in a hot loop
                row("a failed commit is not re-applied by a poll", ERROR_B_AFTER_A, Trigger.POLL, HEAD_B, skip(s -> {
                    assertThat(s.sync()).isEqualTo(SyncStatus.ERROR);
                    assertThat(s.lastSyncedCommit()).isEqualTo(A);
                })),
                row(
                        "a failed commit is not retried without CONOPS_RETRY_ERRORS",
                        ERROR_B_AFTER_A,
                        Trigger.RETRY,
                        NOTHING,
                        skip()),
                row(
                        "a retry waits for its backoff",
                        RETRY,
                        ERROR_B_RETRY_LATER,
                        Trigger.RETRY,
                        NOTHING,
                        waitUntil(NOW.plusSeconds(30))),
                row(
                        "a retry whose backoff passed deploys",
                        RETRY,
                        ERROR_B_RETRY_DUE,
                        Trigger.RETRY,
                        NOTHING,
                        deploy(B)),
                row(
                        "a new commit after a failed one is always tried",
                        ERROR_B_AFTER_A,
                        Trigger.POLL,
                        HEAD_A,
                        deploy(A)),
                row(
                        "a manual sync always tries, even a failed commit",
                        ERROR_B_AFTER_A,
                        Trigger.MANUAL,
                        HEAD_B,
                        deploy(B)),
                row("a webhook always tries", SYNCED_A, Trigger.WEBHOOK, HEAD_A, deploy(A)),
                row(
                        "a failure without a commit is tried again once the head resolves",
                        NEVER_RESOLVED_ERROR,
                        Trigger.POLL,
                        HEAD_A,
                        deploy(A)),
                // git failures
                row(
                        "a manual sync with an unreachable remote is a failed deployment, not the last seen commit",
                        SYNCED_A,
                        Trigger.MANUAL,
                        UNREACHABLE,
                        fail(ConditionType.GIT_UNREACHABLE, s -> {
                            assertThat(s.lastSyncedCommit()).isEqualTo(A);
                            assertThat(s.lastError()).contains("cannot reach x");
                        })),
                row(
                        "a synced app whose repository is gone gets a condition and keeps its deployment",
                        SYNCED_A,
                        Trigger.POLL,
                        UNREACHABLE,
                        skip(s -> {
                            assertThat(s.sync()).isEqualTo(SyncStatus.SYNCED);
                            assertThat(s.health()).isEqualTo(Health.HEALTHY);
                            assertThat(s.lastSyncedCommit()).isEqualTo(A);
                            assertThat(s.has(ConditionType.GIT_UNREACHABLE)).isTrue();
                        })),
                row(
                        "a revoked token is AuthFailed",
                        SYNCED_A,
                        Trigger.POLL,
                        AUTH,
                        skip(s -> assertThat(s.has(ConditionType.AUTH_FAILED)).isTrue())),
                row(
                        "the repository answering again clears its condition",
                        SYNCED_A.withCondition(ConditionType.GIT_UNREACHABLE, "gone", NOW.minusSeconds(5)),
                        Trigger.POLL,
                        HEAD_A,
                        skip(s -> assertThat(s.conditions()).isEmpty())),
                row(
                        "a first sync that cannot resolve the branch is a failed deployment",
                        REGISTERED,
                        Trigger.REGISTER,
                        UNREACHABLE,
                        fail(
                                ConditionType.GIT_UNREACHABLE,
                                s -> assertThat(s.sync()).isEqualTo(SyncStatus.ERROR))),
                row(
                        "a poll failure of a never deployed app makes it error, with no deployment",
                        REGISTERED.withSync(SyncStatus.PENDING),
                        Trigger.POLL,
                        UNREACHABLE,
                        skip(s -> assertThat(s.sync()).isEqualTo(SyncStatus.ERROR))),
                row(
                        "a repository the settings no longer allow stops a synced app",
                        SYNCED_A,
                        Trigger.POLL,
                        NOT_ALLOWED,
                        skip(s -> {
                            assertThat(s.sync()).isEqualTo(SyncStatus.ERROR);
                            assertThat(s.has(ConditionType.REPO_NOT_ALLOWED)).isTrue();
                        })),
                // healing
                row(
                        "a missing service is healed at once",
                        SYNCED_A,
                        Trigger.DRIFT,
                        WEB_MISSING,
                        heal(List.of("web"), List.of(), false, List.of())),
                row(
                        "a stopped container is started, and a completed one-shot never re-run",
                        SYNCED_A,
                        Trigger.DRIFT,
                        WEB_DEAD_JOB_DONE,
                        heal(List.of(), List.of("web"), false, List.of())),
                row(
                        "an unhealthy container is restarted and an orphan removed",
                        SYNCED_A,
                        Trigger.DRIFT,
                        UNHEALTHY_AND_ORPHAN,
                        heal(List.of(), List.of(), true, List.of("web"))),
                row(
                        "an app in error is healed towards its last good deployment",
                        ERROR_B_AFTER_A,
                        Trigger.DRIFT,
                        WEB_MISSING,
                        heal(List.of("web"), List.of(), false, List.of())),
                row(
                        "a heal soon after the last one waits for the backoff",
                        STREAK_2_RECENT,
                        Trigger.DRIFT,
                        WEB_MISSING,
                        waitUntil(NOW.minusSeconds(1).plusSeconds(2))),
                row("a streak that calmed down starts over", STREAK_OLD, Trigger.DRIFT, WEB_MISSING, a -> {
                    heal(List.of("web"), List.of(), false, List.of()).accept(a);
                    assertThat(a.next().heal()).isNull();
                }),
                row("healing stops in a crash loop and says so", STOPPED, Trigger.DRIFT, WEB_MISSING, skip(s -> {
                    assertThat(s.has(ConditionType.CRASH_LOOP)).isTrue();
                    assertThat(s.health()).isEqualTo(Health.DEGRADED);
                })),
                row(
                        "a crash loop does not end because the last heal's container runs for a moment",
                        STOPPED.withHeal(STOPPED.heal().stop().withLastEnd(NOW.minusSeconds(3))),
                        Trigger.DRIFT,
                        IN_SYNC,
                        skip(s -> {
                            assertThat(s.has(ConditionType.CRASH_LOOP)).isTrue();
                            assertThat(s.heal().stopped()).isTrue();
                            assertThat(s.health()).isEqualTo(Health.DEGRADED);
                        })),
                row(
                        "a crash loop ends when the services ran for a calm period",
                        STOPPED,
                        Trigger.DRIFT,
                        IN_SYNC,
                        skip(s -> {
                            assertThat(s.has(ConditionType.CRASH_LOOP)).isFalse();
                            assertThat(s.heal()).isNull();
                            assertThat(s.health()).isEqualTo(Health.HEALTHY);
                        })),
                row("nothing deployed means nothing to heal", REGISTERED, Trigger.DRIFT, WEB_MISSING, skip()),
                row(
                        "an unreachable Engine makes health unknown, not stale",
                        SYNCED_A,
                        Trigger.DRIFT,
                        ENGINE_DOWN,
                        skip(s -> {
                            assertThat(s.health()).isEqualTo(Health.UNKNOWN);
                            assertThat(s.has(ConditionType.ENGINE_UNREACHABLE)).isTrue();
                            assertThat(s.sync()).isEqualTo(SyncStatus.SYNCED);
                        })),
                row(
                        "the Engine answering again clears its condition",
                        SYNCED_A.withCondition(ConditionType.ENGINE_UNREACHABLE, "down", NOW.minusSeconds(9))
                                .withHealth(Health.UNKNOWN),
                        Trigger.DRIFT,
                        IN_SYNC,
                        skip(s -> {
                            assertThat(s.conditions()).isEmpty();
                            assertThat(s.health()).isEqualTo(Health.HEALTHY);
                        })),
                // image updates
                row("a moved tag redeploys the synced commit", SYNCED_A, Trigger.IMAGE_UPDATE, NOTHING, a -> {
                    deploy(A).accept(a);
                    assertThat(((Action.Deploy) a).pull()).isTrue();
                }),
                row(
                        "a moved tag does not redeploy an app in error",
                        ERROR_B_AFTER_A,
                        Trigger.IMAGE_UPDATE,
                        NOTHING,
                        skip()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rule(Row row) {
        Action action = new ReconcilePolicy(row.settings()).decide(row.status(), row.trigger(), row.seen(), NOW);
        row.expect().accept(action);
    }
}
