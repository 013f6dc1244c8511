package io.conops.ctl;

import static io.conops.ctl.FakeConops.empty;
import static io.conops.ctl.FakeConops.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppsSyncTest {
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

    private static String deployment(String outcome, String message) {
        return "{\"id\":7,\"commit\":\"89abcdef0123\",\"trigger\":\"manual\",\"outcome\":\"" + outcome
                + "\",\"message\":" + (message == null ? "null" : "\"" + message + "\"") + ",\"services\":[]}";
    }

    @Test
    void waitAsksTheServerToWaitAndPrintsTheFinishedDeployment() {
        server.on("POST", "/api/v1/apps/web/sync?wait=300000ms", json(200, deployment("succeeded", null)));

        var result = cli.against(server, "apps", "sync", "web", "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("web: succeeded, commit 89abcde");
        assertThat(server.requests()).extracting(FakeConops.Request::method).containsExactly("POST");
    }

    @Test
    void waitExitsNineWhenTheSyncFailed() {
        server.on(
                "POST",
                "/api/v1/apps/web/sync?wait=60000ms",
                json(200, deployment("failed", "invalid compose file compose.yaml")));

        var result = cli.against(server, "apps", "sync", "web", "--wait", "--timeout", "1m");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SYNC_FAILED);
        assertThat(result.errLines())
                .containsExactly("error: sync of 'web' failed at 89abcde: invalid compose file compose.yaml");
    }

    @Test
    void waitExitsNineWhenTheSyncWasInterrupted() {
        server.on(
                "POST",
                "/api/v1/apps/web/sync?wait=60000ms",
                json(200, deployment("interrupted", "the server stopped during the sync")));

        var result = cli.against(server, "apps", "sync", "web", "--wait", "--timeout", "1m");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SYNC_FAILED);
        assertThat(result.errLines())
                .containsExactly("error: sync of 'web' interrupted at 89abcde: the server stopped during the sync");
    }

    @Test
    void waitExitsTenWhenTheServerStoppedWaiting() {
        server.on("POST", "/api/v1/apps/web/sync?wait=50ms", json(202, Apps.app("web", "syncing")));

        var result = cli.against(server, "apps", "sync", "web", "--wait", "--timeout", "50ms");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.WAIT_TIMEOUT);
        assertThat(result.errLines()).containsExactly("error: gave up waiting for 'web' after 50ms: status is syncing");
    }

    @Test
    void aTimeoutBeyondTheServersLimitIsAUsageError() {
        var result = cli.against(server, "apps", "sync", "web", "--wait", "--timeout", "11m");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void timeoutWithoutWaitIsAUsageError() {
        var result = cli.against(server, "apps", "sync", "web", "--timeout", "1m");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(server.requests()).isEmpty();
    }
}
