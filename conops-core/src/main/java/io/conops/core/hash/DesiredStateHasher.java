package io.conops.core.hash;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Per service, the SHA-256 of what it should run: its normalised definition (see
 * {@link DefinitionNormaliser}), the top-level configs and secrets it references, the content of the
 * repository files it uses (bind-mount sources, env files, config and secret files inside the project
 * directory) and its image identity. Equal for the same commit wherever it is checked out.
 */
public final class DesiredStateHasher {
    /** Raise when anything that goes into a hash changes: every service is then recreated once. */
    public static final int VERSION = 1;

    private final DefinitionNormaliser normaliser;
    private final RepositoryFiles files;
    private final UnaryOperator<String> secretFileSeal;

    /** Every file under {@code projectDir} counts, except Git's own metadata. */
    public DesiredStateHasher(Path projectDir) {
        this(projectDir, DesiredStateHasher::notGitMetadata);
    }

    /**
     * @param isRepositoryFile given a path relative to {@code projectDir} ({@code site/index.html}),
     *     whether it belongs to the repository; asked for directories too, and {@code false} skips the
     *     whole subtree. Pass the commit's tracked files so that data a container writes into a
     *     bind-mounted directory (a database under {@code ./data}) never changes the hash.
     */
    public DesiredStateHasher(Path projectDir, Predicate<String> isRepositoryFile) {
        this(new DefinitionNormaliser(projectDir), new RepositoryFiles(projectDir, isRepositoryFile), null);
    }

    private DesiredStateHasher(
            DefinitionNormaliser normaliser, RepositoryFiles files, UnaryOperator<String> secretFileSeal) {
        this.normaliser = normaliser;
        this.files = files;
        this.secretFileSeal = secretFileSeal;
    }

    /**
     * The same hasher, with the content hashes of the files behind the top-level {@code secrets} a
     * service uses sealed by {@code seal} (an HMAC with a per-installation key): they are stored
     * with the deployment, and a bare SHA-256 of a short secret could be reversed by trying
     * candidates.
     */
    public DesiredStateHasher withSecretFileSeal(UnaryOperator<String> seal) {
        return new DesiredStateHasher(normaliser, files, seal);
    }

    /**
     * @param serviceDef    the service's tree from {@code compose config --format json}
     * @param model         the whole model, for the top-level {@code configs} and {@code secrets}
     * @param imageIdentity image id or repo digest, or the image reference when nothing else is known;
     *                      null means the definition's {@code image}
     */
    public ServiceFingerprint fingerprint(
            String service, Map<String, Object> serviceDef, Map<String, Object> model, String imageIdentity) {
        return fingerprint(service, serviceDef, model, imageIdentity, null);
    }

    /**
     * @param secrets the app's secret variables this service uses, or null when it uses none: its hash
     *     is then exactly what it was before secret variables existed
     */
    public ServiceFingerprint fingerprint(
            String service,
            Map<String, Object> serviceDef,
            Map<String, Object> model,
            String imageIdentity,
            SecretInputs secrets) {
        Map<String, Object> raw = serviceDef == null ? Map.of() : serviceDef;
        SortedMap<String, String> parts = new TreeMap<>();
        normaliser.service(raw).forEach((key, value) -> parts.put(key, Sha256.ofJson(value)));
        for (String kind : UsedFiles.TOP_LEVEL_KINDS) {
            for (String name : UsedFiles.references(raw, kind)) {
                Object topLevel = normaliser.relativise(UsedFiles.topLevel(model, kind, name));
                parts.put(kind + "." + name, Sha256.ofJson(topLevel));
            }
        }
        if (secrets != null) {
            parts.replaceAll((key, digest) -> secrets.seal().apply(digest));
        }
        String definitionHash = Sha256.ofJson(parts);

        SortedMap<String, String> fileHashes = new TreeMap<>();
        SortedMap<String, String> fileDigests = new TreeMap<>();
        List<String> secretFiles = UsedFiles.secretFiles(raw, model);
        for (String path : UsedFiles.paths(raw, model)) {
            SortedMap<String, String> under = new TreeMap<>();
            String key = files.hash(path, under);
            if (key != null && secretFileSeal != null && secretFiles.contains(path)) {
                under.replaceAll((file, digest) -> secretFileSeal.apply(digest));
            }
            if (key != null) {
                fileDigests.put(key, Sha256.ofJson(under));
                fileHashes.putAll(under);
            }
        }

        String image = imageIdentity != null ? imageIdentity : raw.get("image") instanceof String s ? s : "";

        Map<String, Object> combined = new LinkedHashMap<>();
        combined.put("version", VERSION);
        combined.put("definition", definitionHash);
        // the digests only summarise fileHashes: they stay out of the stamped hash, which is unchanged
        combined.put("files", fileHashes);
        combined.put("image", image);
        if (secrets != null) {
            combined.put("secrets", secrets.valuesDigest());
        }
        return new ServiceFingerprint(
                service, VERSION, Sha256.ofJson(combined), definitionHash, parts, fileDigests, fileHashes, image);
    }

    /** Every service of the model, by name. */
    public SortedMap<String, ServiceFingerprint> fingerprintAll(
            Map<String, Object> model, Function<String, String> imageIdentityByService) {
        return fingerprintAll(model, imageIdentityByService, service -> null);
    }

    /** Every service of the model, by name, each with the secret variables it uses (null: none). */
    public SortedMap<String, ServiceFingerprint> fingerprintAll(
            Map<String, Object> model,
            Function<String, String> imageIdentityByService,
            Function<String, SecretInputs> secretsByService) {
        SortedMap<String, ServiceFingerprint> out = new TreeMap<>();
        if (model.get("services") instanceof Map<?, ?> services) {
            services.forEach((name, def) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> serviceDef = (Map<String, Object>) def;
                String service = (String) name;
                out.put(
                        service,
                        fingerprint(
                                service,
                                serviceDef,
                                model,
                                imageIdentityByService.apply(service),
                                secretsByService.apply(service)));
            });
        }
        return Collections.unmodifiableSortedMap(out);
    }

    private static boolean notGitMetadata(String relativePath) {
        return Arrays.stream(relativePath.split("/")).noneMatch(".git"::equals);
    }
}
