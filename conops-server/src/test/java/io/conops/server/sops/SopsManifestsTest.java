package io.conops.server.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** homelab-gitops' manifest.sops.yml, read with the age fixtures: names to the render, values to an env file. */
class SopsManifestsTest {
    static final String FILE = "gitops/h1/web/manifest.sops.yml";

    @TempDir
    Path tmp;

    @Test
    void theRenderLearnsOnlyTheVariableNames() throws IOException {
        Path repo = repo("manifest-v1.sops.yml");
        assertThat(new SopsManifests(planner()).environmentNames("a", repo, FILE))
                .containsExactly("SECRET_TOKEN", "MODE");
    }

    @Test
    void aTamperedManifestFailsNamingIt() throws IOException {
        Path repo = repo("manifest-v1.sops.yml");
        Path file = repo.resolve(FILE);
        Files.writeString(file, SopsFixtures.withoutSecondEntry(Files.readString(file)));
        assertThatThrownBy(() -> new SopsManifests(planner()).environmentNames("a", repo, FILE))
                .isInstanceOf(SopsException.class)
                .hasMessageStartingWith(FILE + ": MAC mismatch");
    }

    @Test
    void aManifestForAnotherIdentityFailsNamingIt() throws IOException {
        Path repo = repo("manifest-v1.sops.yml");
        SopsPlanner other = new SopsPlanner(
                new SopsProperties(SopsFixtures.otherIdentity(), null),
                app -> null,
                new KeyedHash(EncryptionKeys.load(name -> null, tmp)));
        assertThatThrownBy(() -> new SopsManifests(other).environmentNames("a", repo, FILE))
                .isInstanceOf(SopsException.class)
                .hasMessageStartingWith(FILE + ": ")
                .hasMessageContaining("none of the age identities");
    }

    @Test
    void otherKeysAreRefusedAndABadEntryIsNamedByPositionNotQuoted() {
        assertThatThrownBy(() -> SopsManifests.environment(FILE, Map.of("Container", Map.of("Image", List.of("x")))))
                .hasMessageContaining(FILE + ": Container.Image is not supported in a manifest.sops.yml");
        assertThatThrownBy(() -> SopsManifests.environment(FILE, Map.of("Unit", Map.of())))
                .hasMessageContaining(FILE + ": Unit is not supported");
        assertThatThrownBy(() -> SopsManifests.environment(
                        FILE, Map.of("Container", Map.of("Environment", List.of("A=1", "hunter2")))))
                .hasMessage(FILE + ": Container.Environment entry 2 is not NAME=value")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aNameGivenTwiceKeepsItsLastValue() {
        Map<String, Object> env = SopsManifests.environment(
                FILE, Map.of("Container", Map.of("Environment", List.of("A=1", "B=x=y", "A=2"))));
        assertThat(env).containsExactly(Map.entry("B", "x=y"), Map.entry("A", "2"));
    }

    @Test
    void theApplyHandsTheValuesToComposeInAPrivateEnvFileAfterTheServicesOwn() throws IOException {
        Path worktree = repo("manifest-v1.sops.yml");
        Files.writeString(worktree.resolve("gitops/h1/web/plain.env"), "A=1\n");
        Path appDir = tmp.resolve("app");
        SopsPlanner planner = planner();
        SopsPlan plan = planner.plan(
                "a",
                "sha1",
                worktree,
                Map.of("services", Map.of("web", Map.of(), "other", Map.of())),
                () -> Map.of(
                        "services",
                        Map.of(
                                "web",
                                Map.of(
                                        "env_file",
                                        List.of(worktree.resolve("gitops/h1/web/plain.env")
                                                .toString())),
                                "other",
                                Map.of())),
                Map.of("web", FILE));
        assertThat(plan.digests()).containsOnlyKeys("web");

        Path override = new SopsFiles(planner, new SopsPlans()).prepare("a", "sha1", appDir, worktree);

        String yaml = Files.readString(override);
        assertThat(yaml).doesNotContain("manifest-token-v1-7e2a");
        assertThat(yaml.indexOf("plain.env")).isLessThan(yaml.indexOf("manifest.sops.yml"));
        Path envCopy;
        try (var s = Files.list(appDir.resolve("sops/env"))) {
            envCopy = s.findFirst().orElseThrow();
        }
        assertThat(Files.readString(envCopy))
                .isEqualTo("SECRET_TOKEN=\"manifest-token-v1-7e2a\"\nMODE=\"from-sops\"\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envCopy)))
                .isEqualTo("rw-------");
    }

    @Test
    void aRotatedValueChangesTheServicesKeyedDigest() throws IOException {
        SopsPlanner planner = planner();
        Path v1 = repo("manifest-v1.sops.yml");
        Path v2 = repo("manifest-v2.sops.yml");
        String d1 = digest(planner, v1);
        assertThat(digest(planner, v2)).isNotEqualTo(d1);
        assertThat(d1).doesNotContain("manifest-token");
    }

    @Test
    void aPlanSavedBeforeManifestsReadsBackAsAPlainEnvFile() throws IOException {
        Path appDir = tmp.resolve("old");
        Files.createDirectories(appDir);
        Files.writeString(
                appDir.resolve(SopsPlans.FILE),
                "{\"s1\":{\"uses\":[],\"envFiles\":{\"web\":[{\"path\":\"web.sops.env\",\"inRepo\":true,"
                        + "\"required\":true,\"sops\":true}]},\"digests\":{\"web\":\"d\"}}}");
        assertThat(new SopsPlans().find(appDir, "s1").orElseThrow().envFiles().get("web"))
                .containsExactly(new SopsPlan.EnvFile("web.sops.env", true, true, true, false));
    }

    private String digest(SopsPlanner planner, Path repo) {
        return planner.plan(
                        "a",
                        repo.toString(),
                        repo,
                        Map.of("services", Map.of("web", Map.of())),
                        () -> Map.of("services", Map.of("web", Map.of())),
                        Map.of("web", FILE))
                .digests()
                .get("web");
    }

    private Path repo(String fixture) throws IOException {
        Path repo = Files.createTempDirectory(tmp, "repo");
        Files.createDirectories(repo.resolve(FILE).getParent());
        Files.write(repo.resolve(FILE), SopsFixtures.bytes(fixture));
        return repo;
    }

    private SopsPlanner planner() {
        return new SopsPlanner(
                new SopsProperties(SopsFixtures.identity(), null),
                app -> null,
                new KeyedHash(EncryptionKeys.load(name -> null, tmp)));
    }
}
