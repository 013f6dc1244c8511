package io.conops.server.app;

import io.conops.core.api.AppView;
import io.conops.core.api.CreateAppRequest;
import io.conops.core.app.Durations;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Registering, reading and changing apps; every path works with and without a trailing slash. */
@RestController
@RequestMapping(path = "/api/v1/apps", produces = MediaType.APPLICATION_JSON_VALUE)
public class AppController {
    private final AppService service;

    AppController(AppService service) {
        this.service = service;
    }

    @GetMapping({"", "/"})
    List<AppView> list() {
        return service.list().stream().map(AppController::view).toList();
    }

    @PostMapping(
            path = {"", "/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AppView> create(@RequestBody CreateAppRequest request) {
        AppEntity app = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/apps/" + app.getId())).body(view(app));
    }

    @GetMapping({"/{id}", "/{id}/"})
    AppView get(@PathVariable String id) {
        return view(service.get(id));
    }

    /** Partial update: absent fields stay, explicit null clears (credentials, registry logins). */
    @PatchMapping(
            path = {"/{id}", "/{id}/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    AppView update(@PathVariable String id, @RequestBody PatchBody body) {
        return view(service.update(id, AppPatch.parse(body.json())));
    }

    public static AppView view(AppEntity a) {
        return new AppView(
                a.getId().toString(),
                a.getName(),
                a.getRepoUrl(),
                a.getRepoAuthMethod(),
                a.getBranch(),
                a.getComposePath(),
                Durations.format(a.getPollInterval()),
                a.getStatus(),
                a.getHealth(),
                a.getLastSeenCommit(),
                a.getLastSyncedCommit(),
                a.getLastSyncAt(),
                a.getLastError(),
                a.getCreatedAt(),
                a.getUpdatedAt(),
                a.getDeployKeyEnc() != null,
                a.getRepoTokenEnc() != null,
                a.getRepoUsername(),
                StoredCredentials.registryViews(a.getRegistryAuth()),
                a.isImageUpdates(),
                a.getConditions(),
                a.getWebhookSecretEnc() != null,
                a.getServiceEnvKeys(),
                a.getStacksFile(),
                a.getStacksGlob(),
                a.getParent(),
                a.getPullPolicy() == null ? null : a.getPullPolicy().wire(),
                a.getOverlayDir(),
                a.getLayout(),
                a.getTarget(),
                a.getAgeKeyEnc() != null,
                a.isRequireSignedCommits(),
                a.getAllowedSigners(),
                a.getGpgPublicKeys(),
                a.getPinnedCommit(),
                a.getDockerHost(),
                a.getDockerSshKeyEnc() != null,
                a.getNotifyUrlsEnc() != null,
                a.getDockerTlsEnc() != null);
    }
}
