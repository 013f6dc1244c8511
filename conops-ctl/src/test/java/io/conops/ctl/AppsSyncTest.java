package io.conops.ctl;

import static io.conops.ctl.FakeConops.empty;
import static io.conops.ctl.FakeConops.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppsSyncTest {
    private static final String BEFORE = "2026-03-01T10:15:31Z";
    private static final String AFTER = "2026-03-01T10:20:00Z";

    private final FakeConops server = FakeConops.start();
    private final Cli cli = new Cli();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void syncWithoutWaitOnlyAsks() {
        server.on("POST", "/api/v1/apps/web/sync", empty(202));

        var result = cli.against(server, "apps", "sync", "web");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("sync of 'web' requested");
        assertThat(server.requests()).extracting(FakeConops.Request::method).containsExactly("POST");
    }

    @Test
    void waitPollsUntilTheAppIsSynced() {
        server.on("POST", "/api/v1/apps/web/sync", empty(202));
        server.on(
                "GET",
                "/api/v1/apps/web",
                json(200, Apps.app("web", "synced")), // before the request: the previous sync
                json(200, Apps.app("web", "pending")),
                json(200, Apps.app("web", "syncing")),
                json(200, Apps.app("web", "synced", "healthy", "89abcdef0123", AFTER)));

        var result = cli.against(server, "apps", "sync", "web", "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("web: synced, commit 89abcde, health healthy");
        assertThat(server.requests())
                .extracting(FakeConops.Request::method)
                .containsExactly("GET", "POST", "GET", "GET", "GET");
    }

    @Test
    void theSyncedStatusOfThePreviousSyncDoesNotEndTheWait() {
        server.on("POST", "/api/v1/apps/web/sync", empty(202));
        server.on(
                "GET",
                "/api/v1/apps/web",
                json(200, Apps.app("web", "synced")),
                json(200, Apps.app("web", "synced")), // the server has not picked the sync up yet
                json(200, Apps.app("web", "synced", "healthy", "89abcdef0123", AFTER)));

        var result = cli.against(server, "apps", "sync", "web", "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("commit 89abcde");
    }

    @Test
    void aSyncThatChangesNothingEndsTheWaitOnceTheStatusSettles() {
        server.on("POST", "/api/v1/apps/web/sync", empty(202));
        server.on("GET", "/api/v1/apps/web", json(200, Apps.app("web", "synced")));

        var result = cli.against(server, "apps", "sync", "web", "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).hasSize(2 + SyncWaiter.SETTLE_POLLS);
    }

    @Test
    void waitExitsNineWhenTheSyncEndsInError() {
        server.on("POST", "/api/v1/apps/web/sync", empty(202));
        server.on(
                "GET",
                "/api/v1/apps/web",
                json(200, Apps.app("web", "synced")),
                json(200, Apps.app("web", "syncing")),
                json(200, Apps.failed("web", "compose config: services.web: unknown key 'imgae'", AFTER)));

        var result = cli.against(server, "apps", "sync", "web", "--wait");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SYNC_FAILED);
        assertThat(result.errLines())
                .containsExactly(
                        "error: sync of 'web' ended in error: compose config: services.web: unknown key 'imgae'");
    }

    @Test
    void waitGivesUpAtTheTimeout() {
        server.on("POST", "/api/v1/apps/web/sync", empty(202));
        server.on("GET", "/api/v1/apps/web", json(200, Apps.app("web", "syncing")));

        var result = cli.against(server, "apps", "sync", "web", "--wait", "--timeout", "50ms");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.WAIT_TIMEOUT);
        assertThat(result.errLines()).containsExactly("error: gave up waiting for 'web' after 50ms: status is syncing");
    }

    @Test
    void timeoutWithoutWaitIsAUsageError() {
        var result = cli.against(server, "apps", "sync", "web", "--timeout", "1m");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(server.requests()).isEmpty();
    }
}
