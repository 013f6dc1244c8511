package io.conops.server.sops;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.credentials.EncryptionKeys;
import io.conops.server.credentials.KeyedHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SopsFilesTest {
    @TempDir
    Path tmp;

    @Test
    void theApplyGetsPrivateCopiesAndAnOverrideAndAHealAfterARestartStillDoes() throws IOException {
        Path worktree = tmp.resolve("worktree");
        Files.createDirectories(worktree);
        Files.write(worktree.resolve("app.sops.env"), SopsFixtures.bytes("app.sops.env"));
        Files.write(worktree.resolve("config.sops.yaml"), SopsFixtures.bytes("config.sops.yaml"));
        Files.writeString(worktree.resolve("plain.env"), "A=1\n");
        Path appDir = tmp.resolve("app");
        SopsPlans plans = new SopsPlans();
        new SopsFiles(plannerRemembering(worktree), plans).prepare("a", "sha1", appDir, worktree);
        // after a restart the render's plan is forgotten: a heal finds the one the apply kept on disk
        SopsFiles files = new SopsFiles(planner(), plans);

        Path override = files.prepare("a", "sha1", appDir, worktree);

        String yaml = Files.readString(override);
        assertThat(yaml)
                .contains("env_file: !override")
                .contains(worktree.resolve("plain.env").toString());
        assertThat(yaml).contains("target: /etc/app.yaml").doesNotContain("tok-app-7f3a");
        Path envCopy;
        try (var s = Files.list(appDir.resolve("sops/env"))) {
            envCopy = s.findFirst().orElseThrow();
        }
        assertThat(Files.readString(envCopy))
                .contains("API_TOKEN=\"tok-app-7f3a\"")
                .doesNotContain("sops_");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envCopy)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(appDir.resolve("sops"))))
                .isEqualTo("rwx------");

        files.deleteEnvFiles(appDir);

        assertThat(envCopy).doesNotExist();
        try (var s = Files.list(appDir.resolve("sops/files"))) {
            Path mounted = s.findFirst().orElseThrow();
            assertThat(Files.readString(mounted)).contains("password: yaml-secret-42");
        }
        assertThat(files.prepare("a", "unknown-commit", appDir, worktree)).isNull();
    }

    private SopsPlanner planner() {
        return new SopsPlanner(
                new SopsProperties(SopsFixtures.identity(), null),
                app -> null,
                new KeyedHash(EncryptionKeys.load(name -> null, tmp)));
    }

    private SopsPlanner plannerRemembering(Path worktree) {
        SopsPlanner p = planner();
        p.plan("a", "sha1", worktree, model(worktree), () -> raw(worktree));
        return p;
    }

    private static Map<String, Object> model(Path repo) {
        return Map.of(
                "services",
                Map.of(
                        "web",
                        Map.of(
                                "environment",
                                Map.of("sops_mac", "ENC[...]"),
                                "volumes",
                                List.of(Map.of(
                                        "type",
                                        "bind",
                                        "source",
                                        repo.resolve("config.sops.yaml").toString(),
                                        "target",
                                        "/etc/app.yaml")))));
    }

    private static Map<String, Object> raw(Path repo) {
        return Map.of(
                "services",
                Map.of(
                        "web",
                        Map.of(
                                "env_file",
                                List.of(
                                        repo.resolve("plain.env").toString(),
                                        repo.resolve("app.sops.env").toString()))));
    }
}
