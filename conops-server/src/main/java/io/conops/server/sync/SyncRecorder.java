package io.conops.server.sync;

import io.conops.core.ConopsException;
import io.conops.core.api.DeploymentView.Outcome;
import io.conops.core.app.ConditionType;
import io.conops.core.app.Health;
import io.conops.core.app.Trigger;
import io.conops.core.hash.ServiceFingerprint;
import io.conops.core.port.CommitInfo;
import io.conops.core.reconcile.Action;
import io.conops.core.reconcile.ReconcilePolicy;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppEvents;
import io.conops.server.app.AppStore;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records what a sync or a heal did: the deployment record, and the app's status as the policy
 * says it follows from the outcome. Every failure ends here, as a failed record and a condition.
 */
@Component
class SyncRecorder {
    private static final Logger log = LoggerFactory.getLogger(SyncRecorder.class);

    private final AppStore store;
    private final Deployments deployments;
    private final DeployedServices deployedServices;
    private final DeployedFiles deployedFiles;
    private final ReconcilePolicy policy;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /** When each running record began, and for which trigger: what a finished sync reports. */
    private final Map<Long, Started> running = new ConcurrentHashMap<>();

    private record Started(Trigger trigger, Instant at) {}

    SyncRecorder(
            AppStore store,
            Deployments deployments,
            DeployedServices deployedServices,
            DeployedFiles deployedFiles,
            ReconcilePolicy policy,
            JsonMapper json,
            Clock clock,
            ApplicationEventPublisher events) {
        this.store = store;
        this.deployments = deployments;
        this.deployedServices = deployedServices;
        this.deployedFiles = deployedFiles;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /** A deployment begins: its record is {@code running}, and the app {@code syncing}. */
    long startDeploy(AppEntity app, String sha, Trigger trigger, String requestedBy) {
        Instant now = clock.instant();
        long id = deployments.start(app.getId(), sha, trigger, now, requestedBy);
        running.put(id, new Started(trigger, now));
        store.markSyncing(app.getId());
        return id;
    }

    /** A heal begins: a record, but the app's sync status stays what it is. */
    long startHeal(AppEntity app, String sha) {
        long id = deployments.start(app.getId(), sha, Trigger.DRIFT, clock.instant());
        historyChanged(app);
        return id;
    }

    void describe(long id, CommitInfo commit) {
        deployments.describeCommit(id, commit);
    }

    void succeeded(
            AppEntity app,
            long id,
            String sha,
            String why,
            List<DeployedService> services,
            Map<String, ServiceFingerprint> fingerprints,
            Health health,
            Transcript t) {
        String message = prefixed(why, "deployed " + SyncRunner.abbrev(sha) + ": " + services.size() + " service(s)");
        keepFiles(app, fingerprints, t);
        store.deployed(
                app.getId(), deployedServices.write(services), s -> policy.deployed(s, sha, health, clock.instant()));
        Map<String, ServiceFingerprint> compact = new TreeMap<>();
        fingerprints.forEach((name, fp) -> compact.put(name, fp.compact()));
        deployments.finish(id, Outcome.SUCCEEDED, message, json.writeValueAsString(compact), t.text(), clock.instant());
        historyChanged(app);
        syncFinished(app, id, sha, Outcome.SUCCEEDED);
    }

    /** A stack set's sync: its stacks are in line with the commit; it runs no containers itself. */
    void stacksApplied(AppEntity app, long id, String sha, String message, Transcript t) {
        store.deployed(app.getId(), "[]", s -> policy.deployed(s, sha, Health.HEALTHY, clock.instant()));
        deployments.finish(id, Outcome.SUCCEEDED, message, "{}", t.text(), clock.instant());
        historyChanged(app);
    }

    void unchanged(AppEntity app, long id, String sha, Health health, Transcript t) {
        store.transition(app.getId(), s -> policy.deployed(s, sha, health, clock.instant()));
        deployments.finishUnchanged(
                id, "nothing to change: " + SyncRunner.abbrev(sha) + " runs as deployed", t.text(), clock.instant());
        historyChanged(app);
        syncFinished(app, id, sha, Outcome.UNCHANGED);
    }

    void failed(AppEntity app, long id, String sha, String why, RuntimeException e, Transcript t) {
        ConditionType type = conditionOf(e);
        String message = messageOf(e);
        logOnce(app, message, e);
        store.transition(app.getId(), s -> policy.deployFailed(s, sha, type, message, clock.instant()));
        deployments.finish(id, Outcome.FAILED, prefixed(why, message), null, t.text(), clock.instant());
        historyChanged(app);
        syncFinished(app, id, sha, Outcome.FAILED);
    }

    private static String prefixed(String why, String message) {
        return why == null ? message : why + "; " + message;
    }

    /** A sync that could not even start (its status is stored already): a failed record says why. */
    void couldNotStart(AppEntity app, Trigger trigger, Action.Fail fail) {
        if (!fail.message().equals(app.getLastError())) {
            log.warn("App {}: {}", app.getName(), fail.message());
        }
        long id = deployments.start(app.getId(), null, trigger, clock.instant());
        deployments.finish(id, Outcome.FAILED, fail.message(), null, "", clock.instant());
        historyChanged(app);
        events.publishEvent(
                new SyncEvents.SyncFinished(app.getId(), app.getName(), null, trigger, Outcome.FAILED, Duration.ZERO));
    }

    void healed(AppEntity app, long id, String problem, List<String> reasons, Transcript t) {
        store.transition(app.getId(), s -> policy.healed(s, true, problem, clock.instant()));
        deployments.finish(id, Outcome.SUCCEEDED, "healed: " + problem, null, t.text(), clock.instant());
        historyChanged(app);
        log.info("App {} healed: {}", app.getName(), problem);
        events.publishEvent(new SyncEvents.HealFinished(app.getId(), app.getName(), reasons, true));
    }

    void healFailed(AppEntity app, long id, String problem, List<String> reasons, RuntimeException e, Transcript t) {
        String message = messageOf(e);
        logOnce(app, message, e);
        store.transition(app.getId(), s -> policy.healed(s, false, problem + ": " + message, clock.instant()));
        deployments.finish(id, Outcome.FAILED, "heal failed: " + message, null, t.text(), clock.instant());
        historyChanged(app);
        events.publishEvent(new SyncEvents.HealFinished(app.getId(), app.getName(), reasons, false));
    }

    /** A sync's record is closed: counted, timed and logged by the listeners of the event. */
    private void syncFinished(AppEntity app, long id, String sha, Outcome outcome) {
        Started started = running.remove(id);
        if (started != null) {
            Duration took = Duration.between(started.at(), clock.instant());
            events.publishEvent(
                    new SyncEvents.SyncFinished(app.getId(), app.getName(), sha, started.trigger(), outcome, took));
        }
    }

    /** A sync interrupted by shutdown ends nothing: its record stays running, and so is not reported. */
    void abandoned(long id) {
        running.remove(id);
    }

    /** The history is shown live too (the web UI): a record that began or ended is news. */
    private void historyChanged(AppEntity app) {
        events.publishEvent(new AppEvents.StatusChanged(app.getId()));
    }

    static ConditionType conditionOf(RuntimeException e) {
        return e instanceof ConopsException c ? c.condition() : ConditionType.APPLY_FAILED;
    }

    /** A failure as the app's status shows it: ConOps' own messages as they are, anything else named. */
    static String messageOf(RuntimeException e) {
        return e instanceof ConopsException ? e.getMessage() : "unexpected failure: " + e;
    }

    private void logOnce(AppEntity app, String message, RuntimeException e) {
        if (!(e instanceof ConopsException)) {
            log.error("App {}: sync failed unexpectedly", app.getName(), e);
        } else if (!message.equals(app.getLastError())) {
            log.warn("App {}: {}", app.getName(), message);
        }
    }

    /** The per-file hashes go to disk, the database keeps one digest per used path: see DeployedFiles. */
    private void keepFiles(AppEntity app, Map<String, ServiceFingerprint> fingerprints, Transcript t) {
        try {
            deployedFiles.save(app.getId(), fingerprints);
        } catch (UncheckedIOException e) {
            // the deployment stands; only the diff's detail is lost, so say so where the user looks
            t.line("cannot keep the per-file hashes (" + e.getCause().getMessage()
                    + "); the diff names changed folders instead of files until the next sync");
        }
    }
}
