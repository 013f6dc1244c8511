package io.conops.server.sync;

import io.conops.core.api.DeploymentView.DeployedServiceView;
import io.conops.core.api.DeploymentView.Outcome;
import io.conops.core.app.Trigger;
import io.conops.core.hash.ServiceFingerprint;
import io.conops.core.port.CommitInfo;
import io.conops.server.system.ConopsProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The deployment history: one record per sync, trimmed to the retention limit. */
@Component
public class Deployments {
    private final DeploymentRepository repo;
    private final int retention;
    private final JsonMapper json;

    public Deployments(DeploymentRepository repo, ConopsProperties props, JsonMapper json) {
        this.repo = repo;
        this.retention = props.deploymentRetention();
        this.json = json;
    }

    @Transactional
    public long start(UUID appId, String sha, Trigger trigger, Instant at) {
        return start(appId, sha, trigger, at, null);
    }

    /** @param requestedBy who asked for the sync, when a user did */
    @Transactional
    public long start(UUID appId, String sha, Trigger trigger, Instant at, String requestedBy) {
        DeploymentEntity d = new DeploymentEntity(appId, sha, trigger, at);
        d.setRequestedBy(requestedBy);
        return repo.save(d).getId();
    }

    /** The newest successful deployment of the commit (a full SHA or its prefix) still in the history. */
    @Transactional(readOnly = true)
    public Optional<DeploymentEntity> succeededWith(UUID appId, String commitPrefix) {
        return repo.findByAppIdOrderByIdDesc(appId, PageRequest.of(0, retention)).stream()
                .filter(d -> d.getOutcome() == Outcome.SUCCEEDED
                        && d.getCommitSha() != null
                        && d.getCommitSha().startsWith(commitPrefix))
                .findFirst();
    }

    @Transactional(readOnly = true)
    public Optional<DeploymentEntity> find(long id) {
        return repo.findById(id);
    }

    @Transactional
    public void describeCommit(long id, CommitInfo commit) {
        repo.findById(id).ifPresent(d -> {
            d.setCommitMessage(cut(commit.message(), 1000));
            d.setCommitAuthor(cut(commit.author(), 300));
        });
    }

    @Transactional
    public void finish(long id, Outcome outcome, String message, String services, String transcript, Instant at) {
        repo.findById(id).ifPresent(d -> {
            d.setOutcome(outcome);
            d.setMessage(cut(message, 8000));
            d.setServices(services);
            d.setTranscript(cut(transcript, Transcript.LIMIT));
            d.setFinishedAt(at);
            List<DeploymentEntity> newest =
                    repo.findByAppIdOrderByIdDesc(d.getAppId(), PageRequest.of(retention - 1, 1));
            if (!newest.isEmpty()) {
                repo.deleteOlder(d.getAppId(), newest.get(0).getId());
            }
        });
    }

    /**
     * A sync that changed nothing: the record says so, and replaces the app's earlier such record, so
     * that repeated manual syncs keep one line of history instead of eating the retention.
     */
    @Transactional
    public void finishUnchanged(long id, String message, String transcript, Instant at) {
        repo.findById(id).ifPresent(d -> {
            d.setOutcome(Outcome.UNCHANGED);
            d.setMessage(cut(message, 8000));
            d.setTranscript(cut(transcript, Transcript.LIMIT));
            d.setFinishedAt(at);
            repo.deleteOthersWithOutcome(d.getAppId(), Outcome.UNCHANGED, id);
        });
    }

    /** Deployments left running by a crash or a stop are closed as interrupted. */
    @Transactional
    public int closeInterrupted(Instant at) {
        List<DeploymentEntity> running = repo.findByOutcome(Outcome.RUNNING);
        running.forEach(d -> {
            d.setOutcome(Outcome.INTERRUPTED);
            d.setMessage("ConOps stopped while this sync ran; it was queued again on start-up");
            d.setFinishedAt(at);
        });
        return running.size();
    }

    @Transactional(readOnly = true)
    public List<DeploymentEntity> recent(UUID appId, int limit) {
        return repo.findByAppIdOrderByIdDesc(appId, PageRequest.of(0, limit));
    }

    /** The per-service fingerprints of the newest successful sync still in the history, empty when none. */
    @Transactional(readOnly = true)
    public SortedMap<String, ServiceFingerprint> lastDeployedFingerprints(UUID appId) {
        for (DeploymentEntity d : repo.findByAppIdOrderByIdDesc(appId, PageRequest.of(0, retention))) {
            if (d.getOutcome() == Outcome.SUCCEEDED && d.getServices() != null) {
                return fingerprints(d);
            }
        }
        return new TreeMap<>();
    }

    /** What the sync recorded per service: the fingerprints (a map by service name), parsed. */
    public SortedMap<String, ServiceFingerprint> fingerprints(DeploymentEntity d) {
        if (d.getServices() == null || d.getServices().isBlank()) {
            return new TreeMap<>();
        }
        try {
            Map<String, ServiceFingerprint> m =
                    json.readValue(d.getServices(), new TypeReference<Map<String, ServiceFingerprint>>() {});
            return new TreeMap<>(m);
        } catch (JacksonException e) {
            return new TreeMap<>(); // an older or foreign form: shown without services rather than failing
        }
    }

    /** Per service, the hash and image a sync deployed, for the history. */
    public List<DeployedServiceView> services(DeploymentEntity d) {
        return fingerprints(d).values().stream()
                .map(f -> new DeployedServiceView(f.service(), f.hash(), f.image()))
                .toList();
    }

    private static String cut(String s, int n) {
        return s == null || s.length() <= n ? s : s.substring(0, n);
    }
}
