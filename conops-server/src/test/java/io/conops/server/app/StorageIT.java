package io.conops.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conops.core.api.DeploymentView.Outcome;
import io.conops.core.app.Health;
import io.conops.core.app.RepoAuthMethod;
import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import io.conops.server.support.Postgres;
import io.conops.server.support.TestServer;
import io.conops.server.sync.Deployments;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;

/** The same storage behaviour on the embedded H2 and on PostgreSQL: one set of migrations, validated by Hibernate. */
class StorageIT {

    abstract static class Contract {
        TestServer server;

        abstract TestServer start(Path data);

        @TempDir
        Path tmp;

        @BeforeAll
        void startServer(@TempDir Path dir) {
            server = start(dir.resolve("data"));
        }

        @AfterAll
        void stopServer() {
            if (server != null) {
                server.close();
            }
        }

        private AppEntity newApp(String name) {
            // an app that is never synced: its repository does not answer and it polls hourly
            AppEntity a = new AppEntity(UUID.randomUUID(), name, Instant.now());
            a.setRepoUrl("https://127.0.0.1:1/none.git");
            a.setRepoAuthMethod(RepoAuthMethod.PUBLIC);
            a.setBranch("main");
            a.setComposePath("compose.yaml");
            a.setPollInterval(Duration.ofHours(1));
            a.setStatus(SyncStatus.ERROR);
            return a;
        }

        @Test
        void appsRoundTripAndNamesAreUnique() {
            AppRepository repo = server.bean(AppRepository.class);
            AppEntity saved = repo.saveAndFlush(newApp("storage-a"));
            AppEntity read = repo.findByName("storage-a").orElseThrow();
            assertThat(read.getId()).isEqualTo(saved.getId());
            assertThat(read.getPollInterval()).isEqualTo(Duration.ofHours(1));
            assertThat(read.getRepoAuthMethod()).isEqualTo(RepoAuthMethod.PUBLIC);
            assertThatThrownBy(() -> repo.saveAndFlush(newApp("storage-a")))
                    .isInstanceOf(DataIntegrityViolationException.class);
            repo.deleteById(saved.getId());
        }

        @Test
        void statusTransitionsTouchOnlyTheirColumns() {
            AppRepository repo = server.bean(AppRepository.class);
            AppStore store = server.bean(AppStore.class);
            AppEntity a = repo.saveAndFlush(newApp("storage-b"));
            store.markSeen(a.getId(), "a".repeat(40));
            assertThat(repo.findById(a.getId()).orElseThrow().getStatus()).isEqualTo(SyncStatus.PENDING);
            store.markSyncing(a.getId());
            store.markSeen(a.getId(), "b".repeat(40));
            AppEntity syncing = repo.findById(a.getId()).orElseThrow();
            assertThat(syncing.getStatus()).isEqualTo(SyncStatus.SYNCING);
            assertThat(syncing.getLastSeenCommit()).isEqualTo("b".repeat(40));
            store.markError(a.getId(), "b".repeat(40), "boom", null);
            store.markError(a.getId(), "b".repeat(40), "boom again", null);
            AppEntity failed = repo.findById(a.getId()).orElseThrow();
            assertThat(failed.getFailureCount()).isEqualTo(2);
            assertThat(failed.getLastError()).isEqualTo("boom again");
            store.markSynced(a.getId(), "b".repeat(40), "[]", Health.HEALTHY);
            AppEntity synced = repo.findById(a.getId()).orElseThrow();
            assertThat(synced.getStatus()).isEqualTo(SyncStatus.SYNCED);
            assertThat(synced.getLastError()).isNull();
            assertThat(synced.getFailureCount()).isZero();
            assertThat(synced.getLastSyncAt()).isNotNull();
            repo.deleteById(a.getId());
        }

        @Test
        void deploymentsAreTrimmedToTheRetentionAndInterruptedOnesClosed() {
            AppRepository repo = server.bean(AppRepository.class);
            Deployments deployments = server.bean(Deployments.class);
            AppEntity a = repo.saveAndFlush(newApp("storage-c"));
            for (int i = 0; i < 5; i++) {
                long id = deployments.start(a.getId(), "c".repeat(40), Trigger.POLL, Instant.now());
                deployments.finish(id, Outcome.SUCCEEDED, "ok " + i, "{}", "transcript", Instant.now());
            }
            assertThat(deployments.recent(a.getId(), 50))
                    .hasSize(3)
                    .first()
                    .satisfies(d -> assertThat(d.getMessage()).isEqualTo("ok 4"));
            deployments.start(a.getId(), "d".repeat(40), Trigger.MANUAL, Instant.now());
            assertThat(deployments.closeInterrupted(Instant.now())).isEqualTo(1);
            assertThat(deployments.recent(a.getId(), 1).get(0).getOutcome()).isEqualTo(Outcome.INTERRUPTED);
            repo.deleteById(a.getId());
            repo.flush();
            assertThat(deployments.recent(a.getId(), 50)).isEmpty();
        }

        @Test
        void theApiWorksOnThisDatabase() {
            String body =
                    "{\"name\":\"storage-api\",\"repo_url\":\"https://127.0.0.1:1/none.git\",\"poll_interval\":\"1h\"}";
            assertThat(server.call("POST", "/api/v1/apps/", body).statusCode()).isEqualTo(201);
            assertThat(server.json("GET", "/api/v1/apps/storage-api", null)
                            .get("poll_interval")
                            .asString())
                    .isEqualTo("1h");
            assertThat(server.call("POST", "/api/v1/apps/", body).statusCode()).isEqualTo(409);
            assertThat(server.call("DELETE", "/api/v1/apps/storage-api", null).statusCode())
                    .isEqualTo(204);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnH2 extends Contract {
        @Override
        TestServer start(Path data) {
            return TestServer.start(data, Map.of("conops.deployment-retention", "3"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres extends Contract {
        Postgres pg;

        @Override
        TestServer start(Path data) {
            pg = Postgres.schema();
            return TestServer.start(
                    data,
                    Map.of(
                            "DB_TYPE", "postgres",
                            "DB_CONNECTION_STRING", pg.connectionString(),
                            "conops.deployment-retention", "3"));
        }

        @AfterAll
        void dropSchema() {
            if (pg != null) {
                pg.close();
            }
        }
    }
}
