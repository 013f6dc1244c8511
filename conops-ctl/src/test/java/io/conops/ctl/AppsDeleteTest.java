package io.conops.ctl;

import static io.conops.ctl.FakeConops.empty;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppsDeleteTest {
    private final FakeConops server = FakeConops.start();
    private final Cli cli = new Cli();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void deleteKeepsVolumesByDefault() {
        server.on("DELETE", "/api/v1/apps/web", empty(204));

        var result = cli.against(server, "apps", "delete", "web", "--yes");

        assertThat(result.exitCode()).isZero();
        assertThat(server.only("DELETE").pathAndQuery()).isEqualTo("/api/v1/apps/web");
        assertThat(result.outLines()).containsExactly("deleted app 'web'; named volumes kept");
    }

    @Test
    void removeVolumesIsSentAsQueryParameter() {
        server.on("DELETE", "/api/v1/apps/web?remove_volumes=true", empty(204));

        var result = cli.against(server, "apps", "delete", "web", "--remove-volumes", "-y");

        assertThat(result.exitCode()).isZero();
        assertThat(server.only("DELETE").pathAndQuery()).isEqualTo("/api/v1/apps/web?remove_volumes=true");
    }

    @Test
    void withoutYesTheUserIsAskedFirst() {
        server.on("DELETE", "/api/v1/apps/web?remove_volumes=true", empty(204));

        var result = cli.against(server, "apps", "delete", "web", "--remove-volumes");

        assertThat(result.exitCode()).isZero();
        assertThat(cli.questionsAsked()).containsExactly("delete app 'web' and its named volumes");
    }

    @Test
    void aDeclinedConfirmationDeletesNothing() {
        var result = cli.answering(false).against(server, "apps", "delete", "web");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNEXPECTED);
        assertThat(result.errLines()).containsExactly("error: not deleted: not confirmed");
        assertThat(server.requests()).isEmpty();
    }
}
