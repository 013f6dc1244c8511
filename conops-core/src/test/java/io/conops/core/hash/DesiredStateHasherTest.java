package io.conops.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesiredStateHasherTest {
    @TempDir
    Path tmp;

    Path dir;
    Map<String, Object> model;

    @BeforeEach
    void checkout() throws IOException {
        dir = Shop.checkout(tmp.resolve("apps/shop/worktree"));
        model = Shop.model(dir);
    }

    @Test
    void sameRepositoryInTwoDirectoriesHashesIdentically() throws IOException {
        Path elsewhere = Shop.checkout(tmp.resolve("other/place"));

        var here = fingerprints(dir, model);
        var there = fingerprints(elsewhere, Shop.model(elsewhere));

        assertThat(there).isEqualTo(here);
        assertThat(here.get("web").fileHashes())
                .containsOnlyKeys("nginx.conf", "site/index.html", "site/css/shop.css", "proxy.conf");
        assertThat(here.get("api").fileHashes()).containsOnlyKeys("api.env", "secrets/db_password.txt");
    }

    @Test
    void hashIsLowercaseHexSha256AndRepeatable() {
        String hash = fingerprints(dir, model).get("web").hash();

        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(fingerprints(dir, Shop.model(dir)).get("web").hash()).isEqualTo(hash);
    }

    /**
     * Pinned values: the hash is stamped on every running container, so a change here recreates every
     * service of every app on upgrade. Raise {@link DesiredStateHasher#VERSION} when that is meant.
     */
    @Test
    void eachUsedPathHasOneDigestAndOnlyTheChangedOneMoves() throws IOException {
        ServiceFingerprint before = web();
        Shop.write(dir, "site/css/shop.css", "h1 { color: red }\n");
        ServiceFingerprint after = web();

        assertThat(before.fileDigests()).containsOnlyKeys("nginx.conf", "site", "proxy.conf");
        assertThat(after.fileDigests().get("site"))
                .isNotEqualTo(before.fileDigests().get("site"));
        assertThat(after.fileDigests().get("nginx.conf"))
                .isEqualTo(before.fileDigests().get("nginx.conf"));
        assertThat(after.fileDigests().get("proxy.conf"))
                .isEqualTo(before.fileDigests().get("proxy.conf"));
    }

    @Test
    void theStoredFormDropsTheFilesButKeepsTheHash() {
        ServiceFingerprint full = web();
        ServiceFingerprint stored = full.compact();

        assertThat(full.hasFileHashes()).isTrue();
        assertThat(stored.hasFileHashes()).isFalse();
        assertThat(stored.fileHashes()).isNull();
        assertThat(stored.hash()).isEqualTo(full.hash());
        assertThat(stored.fileDigests()).isEqualTo(full.fileDigests());
        assertThat(stored.withFileHashes(full.fileHashes())).isEqualTo(full);
    }

    @Test
    void keyOrderDoesNotChangeTheHash() {
        @SuppressWarnings("unchecked")
        Map<String, Object> reordered = (Map<String, Object>) reversed(model);

        assertThat(fingerprints(dir, reordered)).isEqualTo(fingerprints(dir, model));
    }

    @Test
    void changedDefinitionChangesOnlyThatService() {
        var before = fingerprints(dir, model);
        environment("api").put("LOG_LEVEL", "debug");

        var after = fingerprints(dir, model);

        assertThat(after.get("api").hash()).isNotEqualTo(before.get("api").hash());
        assertThat(after.get("web")).isEqualTo(before.get("web"));
    }

    @Test
    void changedBindMountedFileChangesOnlyThatService() throws IOException {
        var before = fingerprints(dir, model);
        Shop.write(dir, "nginx.conf", "events {}\nhttp { server { listen 8080; } }\n");

        var after = fingerprints(dir, model);

        assertThat(after.get("web").hash()).isNotEqualTo(before.get("web").hash());
        assertThat(after.get("web").definitionHash())
                .isEqualTo(before.get("web").definitionHash());
        assertThat(after.get("api")).isEqualTo(before.get("api"));
    }

    @Test
    void changedFileInMountedDirectoryChangesHash() throws IOException {
        String before = web().hash();
        Shop.write(dir, "site/css/shop.css", "h1 { color: red }\n");
        String changed = web().hash();
        Shop.write(dir, "site/new.html", "new\n");

        ServiceFingerprint added = web();

        assertThat(changed).isNotEqualTo(before);
        assertThat(added.hash()).isNotEqualTo(changed);
        assertThat(added.fileHashes()).containsKey("site/new.html");
    }

    @Test
    void renamedFileInMountedDirectoryChangesHash() throws IOException {
        String before = web().hash();
        Files.move(dir.resolve("site/index.html"), dir.resolve("site/home.html"));

        assertThat(web().hash()).isNotEqualTo(before);
    }

    @Test
    void executableBitCounts() throws IOException {
        String before = web().hash();
        Files.setPosixFilePermissions(dir.resolve("nginx.conf"), PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(web().hash()).isNotEqualTo(before);
    }

    @Test
    void symlinkIsHashedByItsTargetTextAndNotFollowedOutOfTheTree() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "one");
        Files.createSymbolicLink(dir.resolve("site/shared.txt"), outside);
        String before = web().hash();

        Files.writeString(outside, "two");
        String afterContentChange = web().hash();
        Files.delete(dir.resolve("site/shared.txt"));
        Files.createSymbolicLink(dir.resolve("site/shared.txt"), tmp.resolve("elsewhere.txt"));

        assertThat(afterContentChange).isEqualTo(before);
        assertThat(web().hash()).isNotEqualTo(before);
        assertThat(web().fileHashes()).containsKey("site/shared.txt");
    }

    @Test
    void symlinkedMountSourceInsideTheTreeIsFollowedAndNamedAsMounted() throws IOException {
        Files.createSymbolicLink(dir.resolve("html"), Path.of("site"));
        volumes("web").get(1).put("source", dir.resolve("html").toString());
        String before = web().hash();

        Shop.write(dir, "site/index.html", "changed\n");

        assertThat(web().hash()).isNotEqualTo(before);
        assertThat(web().fileHashes()).containsKeys("html/index.html", "html/css/shop.css");
    }

    @Test
    void envFileContentCounts() throws IOException {
        var before = fingerprints(dir, model);
        Shop.write(dir, "api.env", "API_KEY=xyz\n");

        var after = fingerprints(dir, model);

        assertThat(after.get("api").hash()).isNotEqualTo(before.get("api").hash());
        assertThat(after.get("web")).isEqualTo(before.get("web"));
    }

    @Test
    void envFileGivenAsPlainStringCountsToo() throws IOException {
        Shop.service(model, "api")
                .put("env_file", List.of(dir.resolve("api.env").toString()));
        String before = api().hash();

        Shop.write(dir, "api.env", "API_KEY=xyz\n");

        assertThat(api().hash()).isNotEqualTo(before);
        assertThat(api().fileHashes()).containsKey("api.env");
    }

    @Test
    void configFileCounts() throws IOException {
        String before = web().hash();

        Shop.write(dir, "proxy.conf", "upstream api { server api:9001; }\n");

        assertThat(web().hash()).isNotEqualTo(before);
    }

    @Test
    void secretFileCounts() throws IOException {
        String before = api().hash();

        Shop.write(dir, "secrets/db_password.txt", "rotated\n");

        assertThat(api().hash()).isNotEqualTo(before);
    }

    @Test
    void secretFileHashesAreSealedWithTheInstallationsKeyNotBareSha256() throws IOException {
        String bare = api().fileHashes().get("secrets/db_password.txt");
        DesiredStateHasher hasher = new DesiredStateHasher(dir).withSecretFileSeal(d -> "sealed:" + d);

        ServiceFingerprint api =
                hasher.fingerprintAll(model, s -> "sha256:image-of-" + s).get("api");
        ServiceFingerprint web =
                hasher.fingerprintAll(model, s -> "sha256:image-of-" + s).get("web");

        assertThat(api.fileHashes().get("secrets/db_password.txt")).isEqualTo("sealed:" + bare);
        assertThat(api.fileHashes().get("api.env")).doesNotStartWith("sealed:");
        assertThat(api.hash()).isNotEqualTo(api().hash());
        assertThat(web).isEqualTo(fingerprints(dir, model).get("web"));
    }

    @Test
    void inlineConfigContentCountsThroughTheReferencingService() {
        topLevel("configs", "proxy_conf").remove("file");
        topLevel("configs", "proxy_conf").put("content", "upstream api { server api:9000; }");
        ServiceFingerprint before = web();

        topLevel("configs", "proxy_conf").put("content", "upstream api { server api:9001; }");

        assertThat(web().hash()).isNotEqualTo(before.hash());
        assertThat(web().definitionParts()).containsKey("configs.proxy_conf");
    }

    @Test
    void pathOutsideProjectCountsOnlyByDefinition() throws IOException {
        Path outside = Files.writeString(tmp.resolve("shared.conf"), "one");
        volumes("web").get(0).put("source", outside.toString());
        ServiceFingerprint before = web();

        Files.writeString(outside, "two");
        ServiceFingerprint sameDefinition = web();
        volumes("web").get(0).put("source", tmp.resolve("other.conf").toString());

        assertThat(before.fileHashes().keySet()).noneMatch(path -> path.contains("shared.conf"));
        assertThat(before.fileHashes()).doesNotContainKey("nginx.conf");
        assertThat(sameDefinition).isEqualTo(before);
        assertThat(web().hash()).isNotEqualTo(before.hash());
    }

    @Test
    void siblingDirectoryWithTheSamePrefixIsOutsideTheProject() throws IOException {
        Path sibling = Shop.checkout(tmp.resolve("apps/shop/worktree2"));
        volumes("web").get(0).put("source", sibling.resolve("nginx.conf").toString());
        ServiceFingerprint before = web();

        Shop.write(sibling, "nginx.conf", "changed");

        assertThat(web()).isEqualTo(before);
        assertThat(before.fileHashes()).doesNotContainKey("nginx.conf");
    }

    @Test
    void missingFileIsRecordedAsMissingInsteadOfFailing() throws IOException {
        Files.delete(dir.resolve("nginx.conf"));

        assertThat(web().fileHashes()).containsEntry("nginx.conf", "missing");
    }

    @Test
    void conopsLabelsDoNotAffectHash() {
        String unstamped = web().hash();
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("conops.app", "shop");
        labels.put("conops.commit", "4f2a9c1");
        labels.put("conops.config-hash", unstamped);
        Shop.service(model, "web").put("labels", labels);

        assertThat(web().hash()).isEqualTo(unstamped);
        labels.put("traefik.enable", "true");
        assertThat(web().hash()).isNotEqualTo(unstamped);
        assertThat(web().definitionParts()).containsKey("labels");
    }

    @Test
    void imageIdentityCounts() {
        var hasher = new DesiredStateHasher(dir);
        Map<String, Object> web = Shop.service(model, "web");

        String one = hasher.fingerprint("web", web, model, "sha256:1111").hash();
        String two = hasher.fingerprint("web", web, model, "sha256:2222").hash();

        assertThat(one).isNotEqualTo(two);
        assertThat(hasher.fingerprint("web", web, model, null).image()).isEqualTo("nginx:1.27");
    }

    @Test
    void untrackedFilesInMountedDirectoryDoNotCount() throws IOException {
        var tracked = List.of("site", "site/index.html", "site/css", "site/css/shop.css", "nginx.conf", "proxy.conf");
        var hasher = new DesiredStateHasher(dir, tracked::contains);
        String before = hasher.fingerprint("web", Shop.service(model, "web"), model, "nginx:1.27")
                .hash();

        Shop.write(dir, "site/cache/page-1.html", "written by the container");
        Shop.write(dir, "site/upload.png", "written by the container");

        ServiceFingerprint after = hasher.fingerprint("web", Shop.service(model, "web"), model, "nginx:1.27");
        assertThat(after.hash()).isEqualTo(before);
        assertThat(after.fileHashes())
                .containsOnlyKeys(tracked.stream().filter(p -> p.contains(".")).toList());
    }

    @Test
    void gitMetadataDoesNotCountWhenTheWholeCheckoutIsMounted() throws IOException {
        volumes("web").get(1).put("source", dir.toString());
        Shop.write(dir, ".git/HEAD", "ref: refs/heads/main\n");
        String before = web().hash();

        Shop.write(dir, ".git/HEAD", "4f2a9c1\n");

        assertThat(web().hash()).isEqualTo(before);
        assertThat(web().fileHashes()).containsKeys("compose.yaml", "site/index.html", "api/Dockerfile");
        assertThat(web().fileHashes().keySet()).noneMatch(p -> p.startsWith(".git"));
    }

    @Test
    void definitionPartsNameTheServiceKeysAndTheReferencedTopLevelEntries() {
        assertThat(api().definitionParts())
                .containsOnlyKeys(
                        "build",
                        "command",
                        "entrypoint",
                        "env_file",
                        "environment",
                        "healthcheck",
                        "image",
                        "networks",
                        "secrets",
                        "volumes",
                        "secrets.db_password");
    }

    @Test
    void callersTreeIsLeftUnchanged() {
        Map<String, Object> labels = new LinkedHashMap<>(Map.of("conops.app", "shop"));
        Shop.service(model, "web").put("labels", labels);
        String before = CanonicalJson.write(model);

        fingerprints(dir, model);

        assertThat(CanonicalJson.write(model)).isEqualTo(before);
    }

    @Test
    void secretInputsSealEveryDefinitionDigestAndCountOnlyForTheServiceThatUsesThem() {
        var plain = fingerprints(dir, model);
        java.util.function.UnaryOperator<String> seal = d -> "sealed-" + d;
        var withSecret = new DesiredStateHasher(dir)
                .fingerprintAll(
                        model,
                        service -> "sha256:image-of-" + service,
                        service -> service.equals("web") ? new SecretInputs(seal, "values-1") : null);
        var changedValue = new DesiredStateHasher(dir)
                .fingerprintAll(
                        model,
                        service -> "sha256:image-of-" + service,
                        service -> service.equals("web") ? new SecretInputs(seal, "values-2") : null);

        // a service that uses no secret keeps exactly its old hash
        assertThat(withSecret.get("api")).isEqualTo(plain.get("api"));
        // the stored digests of one that does are keyed: none of them is a plain SHA-256 any more
        assertThat(withSecret.get("web").definitionParts().values()).allMatch(d -> d.startsWith("sealed-"));
        assertThat(withSecret.get("web").hash()).isNotEqualTo(plain.get("web").hash());
        assertThat(changedValue.get("web").hash())
                .isNotEqualTo(withSecret.get("web").hash());
        assertThat(changedValue.get("api").hash()).isEqualTo(plain.get("api").hash());
    }

    private static SortedMap<String, ServiceFingerprint> fingerprints(Path dir, Map<String, Object> model) {
        return new DesiredStateHasher(dir).fingerprintAll(model, service -> "sha256:image-of-" + service);
    }

    private ServiceFingerprint web() {
        return fingerprints(dir, model).get("web");
    }

    private ServiceFingerprint api() {
        return fingerprints(dir, model).get("api");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> environment(String service) {
        return (Map<String, Object>) Shop.service(model, service).get("environment");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> volumes(String service) {
        return (List<Map<String, Object>>) Shop.service(model, service).get("volumes");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> topLevel(String kind, String name) {
        return (Map<String, Object>) ((Map<String, Object>) model.get(kind)).get(name);
    }

    /** The same tree with every object's keys in reverse order. */
    private static Object reversed(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = entries.size() - 1; i >= 0; i--) {
                out.put(entries.get(i).getKey(), reversed(entries.get(i).getValue()));
            }
            return out;
        }
        if (tree instanceof List<?> list) {
            return list.stream().map(DesiredStateHasherTest::reversed).toList();
        }
        return tree;
    }
}
