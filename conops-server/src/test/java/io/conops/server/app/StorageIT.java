package io.conops.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.conops.core.api.DeploymentView.Outcome;
import io.conops.core.app.AppStatus;
import io.conops.core.app.Condition;
import io.conops.core.app.ConditionType;
import io.conops.core.app.HealStreak;
import io.conops.core.app.Health;
import io.conops.core.app.RepoAuthMethod;
import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import io.conops.core.hash.ServiceFingerprint;
import io.conops.core.reconcile.ReconcilePolicy;
import io.conops.server.support.Postgres;
import io.conops.server.support.TestServer;
import io.conops.server.sync.Deployments;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.flywaydb.core.Flyway;
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
            a.apply(a.status().withSync(SyncStatus.ERROR));
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
        void statusesThePolicyReturnsRoundTripWithConditionsAndTheHealStreak() {
            AppRepository repo = server.bean(AppRepository.class);
            AppStore store = server.bean(AppStore.class);
            ReconcilePolicy policy = server.bean(ReconcilePolicy.class);
            AppEntity a = repo.saveAndFlush(newApp("storage-b"));
            // the watcher polls a new app once at once (its repository does not answer), then hourly
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> repo.findById(a.getId()).orElseThrow().status().has(ConditionType.GIT_UNREACHABLE));
            Instant t = Instant.parse("2026-03-01T12:00:00Z");
            store.transition(a.getId(), s -> s.withLastSeen("b".repeat(40)).withSync(SyncStatus.PENDING));
            store.transition(
                    a.getId(), s -> policy.deployFailed(s, "b".repeat(40), ConditionType.INVALID_COMPOSE, "boom", t));
            store.transition(
                    a.getId(),
                    s -> policy.deployFailed(s, "b".repeat(40), ConditionType.INVALID_COMPOSE, "boom again", t));
            AppStatus failed = repo.findById(a.getId()).orElseThrow().status();
            assertThat(failed.sync()).isEqualTo(SyncStatus.ERROR);
            assertThat(failed.failureCount()).isEqualTo(2);
            assertThat(failed.lastError()).isEqualTo("boom again");
            assertThat(failed.conditions()).contains(new Condition(ConditionType.INVALID_COMPOSE, "boom again", t));

            store.deployed(a.getId(), "[]", s -> policy.deployed(s, "b".repeat(40), Health.HEALTHY, t));
            store.transition(a.getId(), s -> policy.healed(s, true, "web: no container", t.plusSeconds(5)));
            AppStatus synced = repo.findById(a.getId()).orElseThrow().status();
            assertThat(synced.sync()).isEqualTo(SyncStatus.SYNCED);
            assertThat(synced.lastError()).isNull();
            assertThat(synced.failureCount()).isZero();
            assertThat(synced.lastSyncAt()).isEqualTo(t);
            assertThat(synced.conditions()).isEmpty();
            assertThat(synced.heal())
                    .isEqualTo(new HealStreak(1, 0, t.plusSeconds(5), true, "web: no container", false));
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
        void serviceRecordsOfMegabytesAreStored() {
            AppRepository repo = server.bean(AppRepository.class);
            AppStore store = server.bean(AppStore.class);
            Deployments deployments = server.bean(Deployments.class);
            AppEntity a = repo.saveAndFlush(newApp("storage-large"));
            String large = "[" + "\"x\",".repeat(1_000_000) + "\"x\"]";

            store.deployed(
                    a.getId(),
                    large,
                    st -> server.bean(ReconcilePolicy.class)
                            .deployed(st, "e".repeat(40), Health.HEALTHY, Instant.now()));
            long id = deployments.start(a.getId(), "e".repeat(40), Trigger.POLL, Instant.now());
            deployments.finish(id, Outcome.SUCCEEDED, "ok", large, "transcript", Instant.now());

            assertThat(repo.findById(a.getId()).orElseThrow().getDeployedServices())
                    .isEqualTo(large);
            assertThat(deployments.recent(a.getId(), 1).get(0).getServices()).isEqualTo(large);
            repo.deleteById(a.getId());
        }

        @Test
        void aLastErrorLongerThanItsColumnIsCutNotRefused() {
            AppRepository repo = server.bean(AppRepository.class);
            AppEntity a = repo.saveAndFlush(newApp("storage-long-error"));

            server.bean(AppStore.class).transition(a.getId(), st -> st.withLastError("e".repeat(20_000)));

            assertThat(repo.findById(a.getId()).orElseThrow().getLastError()).hasSize(8000);
            repo.deleteById(a.getId());
        }

        @Test
        void aDeploymentWrittenBeforeTheColumnsWereWidenedIsReadWithItsFiles() {
            SortedMap<String, ServiceFingerprint> read =
                    server.bean(Deployments.class).lastDeployedFingerprints(OldRows.APP);

            assertThat(read).containsOnlyKeys("web");
            assertThat(read.get("web").hash()).isEqualTo(OldRows.HASH);
            assertThat(read.get("web").hasFileHashes()).isTrue();
            assertThat(read.get("web").fileHashes()).hasSize(OldRows.FILES);
            assertThat(read.get("web").fileDigests()).isEmpty();
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

    /** A database migrated to V2 with a deployment in the form ConOps wrote then: every file in the JSON. */
    static final class OldRows {
        static final UUID APP = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
        static final String HASH = "a".repeat(64);
        static final int FILES = 900;

        static void write(String url, String user, String password) {
            Flyway.configure()
                    .dataSource(url, user, password)
                    .locations("classpath:db/migration")
                    .target("2")
                    .load()
                    .migrate();
            StringBuilder files = new StringBuilder();
            for (int i = 0; i < FILES; i++) {
                files.append(i == 0 ? "" : ",").append("\"site/page-%03d.html\":\"%s\"".formatted(i, "b".repeat(64)));
            }
            String services = "{\"web\":{\"service\":\"web\",\"version\":1,\"hash\":\"" + HASH
                    + "\",\"definition_hash\":\"" + "c".repeat(64) + "\",\"definition_parts\":{},\"file_hashes\":{"
                    + files + "},\"image\":\"local/busybox:1\"}}";
            Timestamp now = Timestamp.from(Instant.now());
            try (Connection c = DriverManager.getConnection(url, user, password);
                    PreparedStatement app = c.prepareStatement("INSERT INTO apps (id, name, repo_url, repo_auth_method,"
                            + " branch, compose_path, poll_interval_ms, status, health, last_seen_commit,"
                            + " last_synced_commit, created_at, updated_at)"
                            + " VALUES (?, 'storage-v2', 'https://127.0.0.1:1/none.git', 'PUBLIC', 'main',"
                            + " 'compose.yaml', 3600000, 'SYNCED', 'HEALTHY', ?, ?, ?, ?)");
                    PreparedStatement deployment = c.prepareStatement("INSERT INTO deployments (app_id, commit_sha,"
                            + " trigger_kind, outcome, started_at, finished_at, services)"
                            + " VALUES (?, ?, 'POLL', 'SUCCEEDED', ?, ?, ?)")) {
                app.setObject(1, APP);
                app.setString(2, "d".repeat(40));
                app.setString(3, "d".repeat(40));
                app.setTimestamp(4, now);
                app.setTimestamp(5, now);
                app.executeUpdate();
                deployment.setObject(1, APP);
                deployment.setString(2, "d".repeat(40));
                deployment.setTimestamp(3, now);
                deployment.setTimestamp(4, now);
                deployment.setString(5, services);
                deployment.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnH2 extends Contract {
        @Override
        TestServer start(Path data) {
            OldRows.write(
                    "jdbc:h2:file:" + data.toAbsolutePath().normalize().resolve("conops") + ";DB_CLOSE_ON_EXIT=FALSE",
                    "sa",
                    "");
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
            OldRows.write(pg.jdbcUrl(), pg.user(), pg.password());
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
