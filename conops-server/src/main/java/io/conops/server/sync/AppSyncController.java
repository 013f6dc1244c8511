package io.conops.server.sync;

import io.conops.core.api.DeploymentView;
import io.conops.core.api.DiffView;
import io.conops.core.api.ServiceView;
import io.conops.server.app.AppController;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppService;
import io.conops.server.app.AppStore;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the loop does with an app: sync it now, delete it (compose down first), its deployment
 * history, its live services and what its next sync would do.
 */
@RestController
@RequestMapping(path = "/api/v1/apps", produces = MediaType.APPLICATION_JSON_VALUE)
class AppSyncController {
    private final AppService apps;
    private final AppStore store;
    private final AppActions actions;
    private final Deployments deployments;
    private final LiveServices live;
    private final Preview preview;
    private final SyncWaits waits;

    AppSyncController(
            AppService apps,
            AppStore store,
            AppActions actions,
            Deployments deployments,
            LiveServices live,
            Preview preview,
            SyncWaits waits) {
        this.apps = apps;
        this.store = store;
        this.actions = actions;
        this.deployments = deployments;
        this.live = live;
        this.preview = preview;
        this.waits = waits;
    }

    /**
     * Without {@code wait}: 202 and the app, the sync queued. With it: 200 and the finished
     * deployment, or 202 and the app when the wait ran out first.
     */
    @PostMapping({"/{id}/sync", "/{id}/sync/"})
    ResponseEntity<Object> sync(@PathVariable String id, @RequestParam(name = "wait", required = false) String wait)
            throws InterruptedException {
        java.time.Duration waitFor = wait == null ? null : SyncWaits.parse(wait);
        AppEntity app = apps.find(id);
        waits.refuseIfDeleting(app.getId(), app.getName());
        long before = waitFor == null ? 0 : waits.newest(app.getId());
        actions.syncNow(app);
        if (waitFor != null) {
            var done = waits.await(app.getId(), app.getName(), before, waitFor);
            if (done.isPresent()) {
                return ResponseEntity.ok(view(done.get()));
            }
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(AppController.view(store.find(app.getId()).orElse(app)));
    }

    @DeleteMapping({"/{id}", "/{id}/"})
    ResponseEntity<Void> delete(
            @PathVariable String id,
            @RequestParam(name = "remove_volumes", defaultValue = "false") boolean removeVolumes) {
        actions.delete(apps.find(id), removeVolumes);
        return ResponseEntity.noContent().build();
    }

    @GetMapping({"/{id}/deployments", "/{id}/deployments/"})
    List<DeploymentView> deployments(@PathVariable String id, @RequestParam(defaultValue = "50") int limit) {
        AppEntity app = apps.find(id);
        return deployments.recent(app.getId(), Math.max(1, Math.min(limit, 500))).stream()
                .map(this::view)
                .toList();
    }

    @GetMapping({"/{id}/services", "/{id}/services/"})
    List<ServiceView> services(@PathVariable String id) {
        return live.of(apps.find(id));
    }

    @GetMapping({"/{id}/diff", "/{id}/diff/"})
    DiffView diff(@PathVariable String id) {
        return preview.diff(apps.find(id));
    }

    private DeploymentView view(DeploymentEntity d) {
        return new DeploymentView(
                d.getId(),
                d.getCommitSha(),
                d.getCommitMessage(),
                d.getCommitAuthor(),
                d.getTrigger(),
                d.getOutcome(),
                d.getStartedAt(),
                d.getFinishedAt(),
                d.getMessage(),
                d.getTranscript(),
                deployments.services(d),
                d.getRequestedBy());
    }
}
