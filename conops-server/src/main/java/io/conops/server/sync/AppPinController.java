package io.conops.server.sync;

import io.conops.core.api.AppView;
import io.conops.core.api.RollbackRequest;
import io.conops.server.app.AppController;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppService;
import io.conops.server.app.AppStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rolling an app back to a recorded deployment (which pins it there) and letting it follow its
 * branch again. Both answer 202 and the app: the sync they queue is recorded in the history.
 */
@RestController
@RequestMapping(path = "/api/v1/apps", produces = MediaType.APPLICATION_JSON_VALUE)
class AppPinController {
    private final AppService apps;
    private final AppStore store;
    private final AppActions actions;
    private final SyncWaits waits;

    AppPinController(AppService apps, AppStore store, AppActions actions, SyncWaits waits) {
        this.apps = apps;
        this.store = store;
        this.actions = actions;
        this.waits = waits;
    }

    @PostMapping(
            path = {"/{id}/rollback", "/{id}/rollback/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AppView> rollback(@PathVariable String id, @RequestBody RollbackRequest body) {
        AppEntity app = apps.find(id);
        waits.refuseIfDeleting(app.getId(), app.getName());
        actions.rollback(app, body.deploymentId(), body.commit());
        return accepted(app);
    }

    @PostMapping({"/{id}/unpin", "/{id}/unpin/"})
    ResponseEntity<AppView> unpin(@PathVariable String id) {
        AppEntity app = apps.find(id);
        waits.refuseIfDeleting(app.getId(), app.getName());
        actions.unpin(app);
        return accepted(app);
    }

    private ResponseEntity<AppView> accepted(AppEntity app) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(AppController.view(store.find(app.getId()).orElse(app)));
    }
}
