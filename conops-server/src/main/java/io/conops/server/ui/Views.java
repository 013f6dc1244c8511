package io.conops.server.ui;

import io.conops.server.app.AppController;
import io.conops.server.app.AppEntity;
import io.conops.server.sync.DeploymentEntity;
import io.conops.server.sync.Deployments;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/** Builds the pages' rows from the stored apps, through the API's own view (so no secret can show). */
@Component
class Views {
    private final Deployments deployments;
    private final Clock clock;

    Views(Deployments deployments, Clock clock) {
        this.deployments = deployments;
        this.clock = clock;
    }

    java.time.Instant now() {
        return clock.instant();
    }

    AppRow row(AppEntity app) {
        return new AppRow(AppController.view(app), commitMessage(app), clock.instant());
    }

    List<AppRow> rows(List<AppEntity> apps) {
        return apps.stream().map(this::row).toList();
    }

    private String commitMessage(AppEntity app) {
        String sha = app.getLastSyncedCommit();
        if (sha == null) {
            return null;
        }
        for (DeploymentEntity d : deployments.recent(app.getId(), 10)) {
            if (sha.equals(d.getCommitSha()) && d.getCommitMessage() != null) {
                return firstLine(d.getCommitMessage());
            }
        }
        return null;
    }

    static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
