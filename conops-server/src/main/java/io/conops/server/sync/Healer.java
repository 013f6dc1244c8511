package io.conops.server.sync;

import io.conops.core.port.EnginePort;
import io.conops.core.reconcile.Action;
import io.conops.core.reconcile.DesiredService;
import io.conops.server.app.AppEntity;
import io.conops.server.system.ConopsProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Puts the last successful deployment back for the services the policy named, from what was
 * deployed (no render, no pull, no Git remote), and waits until they stay up.
 */
@Component
class Healer {
    private final GitSources sources;
    private final Applier applier;
    private final DeployedServices deployed;
    private final SyncRecorder recorder;
    private final EnginePort engine;
    private final ProjectEvents events;
    private final ConopsProperties props;
    private final Clock clock;
    private final ServiceEnvs envs;
    private final Stacks stacks;

    Healer(
            GitSources sources,
            Applier applier,
            DeployedServices deployed,
            SyncRecorder recorder,
            EnginePort engine,
            ProjectEvents events,
            ConopsProperties props,
            Clock clock,
            ServiceEnvs envs,
            Stacks stacks) {
        this.sources = sources;
        this.applier = applier;
        this.deployed = deployed;
        this.recorder = recorder;
        this.engine = engine;
        this.events = events;
        this.props = props;
        this.clock = clock;
        this.envs = envs;
        this.stacks = stacks;
    }

    void heal(AppEntity app, Action.Heal heal) {
        Instant deadline = clock.instant().plus(props.syncTimeout());
        String problem = problem(heal);
        long id = recorder.startHeal(app, heal.commit());
        Transcript t = new Transcript().hiding(envs.of(app).values());
        t.line("healing towards " + SyncRunner.abbrev(heal.commit()) + ": " + problem);
        try {
            List<DeployedService> services = deployed.of(app);
            if (Stacks.handles(app)) {
                // the Swarm has no per-service repair: deploying the stack again puts every service back
                stacks.heal(app, sources.local(app), heal.commit(), t);
                t.timed("wait for services", () -> stacks.await(app, DeployedServices.desired(services), deadline));
                recorder.healed(app, id, problem, reasons(heal), t);
                return;
            }
            applier.heal(app, sources.local(app), services, heal, t);
            Set<String> touched = new HashSet<>(heal.services());
            touched.addAll(heal.start());
            touched.addAll(heal.restart());
            List<DesiredService> watch = DeployedServices.desired(services).stream()
                    .filter(s -> touched.isEmpty() || touched.contains(s.name()))
                    .toList();
            t.timed(
                    "wait for services",
                    () -> new Readiness(engine, events, clock, props.syncTimeout(), props.readinessSettle())
                            .await(app.getName(), watch, deadline));
            recorder.healed(app, id, problem, reasons(heal), t);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            recorder.healFailed(app, id, problem, reasons(heal), e, t);
        } finally {
            applier.cleanUp(app);
        }
    }

    /** The heal's reasons as the metrics label them (conops_heals_total's {@code reason}). */
    static List<String> reasons(Action.Heal heal) {
        List<String> out = new java.util.ArrayList<>();
        if (!heal.services().isEmpty()) {
            out.add("drift");
        }
        if (!heal.start().isEmpty()) {
            out.add("stopped");
        }
        if (!heal.restart().isEmpty()) {
            out.add("unhealthy");
        }
        if (heal.removeOrphans()) {
            out.add("orphans");
        }
        return out;
    }

    private static String problem(Action.Heal heal) {
        StringBuilder sb = new StringBuilder();
        if (!heal.services().isEmpty()) {
            sb.append("bring back ").append(String.join(", ", heal.services()));
        }
        if (!heal.start().isEmpty()) {
            sb.append(sb.length() > 0 ? "; " : "").append("start ").append(String.join(", ", heal.start()));
        }
        if (!heal.restart().isEmpty()) {
            sb.append(sb.length() > 0 ? "; " : "")
                    .append("restart unhealthy ")
                    .append(String.join(", ", heal.restart()));
        }
        if (heal.removeOrphans()) {
            sb.append(sb.length() > 0 ? "; " : "").append("remove containers that are not part of it");
        }
        return sb.toString();
    }
}
