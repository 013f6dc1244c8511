package io.conops.server.sops;

import io.conops.core.hash.SecretInputs;
import io.conops.server.credentials.KeyedHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the SOPS files a rendered commit's services use (bind-mount sources, files of the
 * top-level secrets and configs, env files) and decrypts each once, so a file that does not open
 * fails the render, naming it, before anything live is touched. Env files are looked for only when
 * a service's resolved environment shows sops metadata ({@code sops_mac}), which costs the extra
 * uninterpolated {@code compose config} only for the apps that have them.
 */
@Component
public class SopsPlanner {
    /** SOPS files are small; a larger file is not read as one. */
    static final long MAX_FILE = 4L * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int REMEMBERED = 256;

    private final SopsProperties props;
    private final AppAgeKeys appKeys;
    private final KeyedHash keyed;
    private final Map<String, SopsPlan> rendered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SopsPlan> eldest) {
            return size() > REMEMBERED;
        }
    };

    SopsPlanner(SopsProperties props, AppAgeKeys appKeys, KeyedHash keyed) {
        this.props = props;
        this.appKeys = appKeys;
        this.keyed = keyed;
    }

    /**
     * The plan for one commit of the app, remembered for its apply.
     *
     * @param repoRoot      where the commit is exported
     * @param model         {@code compose config --format json} of it
     * @param uninterpolated the model before interpolation (it still lists env files), asked at most once
     * @throws SopsException naming the file that does not decrypt
     */
    public SopsPlan plan(
            String app,
            String sha,
            Path repoRoot,
            Map<String, Object> model,
            Supplier<Map<String, Object>> uninterpolated) {
        return plan(app, sha, repoRoot, model, uninterpolated, Map.of());
    }

    /**
     * @param manifests per service, the homelab-gitops {@code manifest.sops.yml} whose
     *     {@code Container.Environment} it receives (relative to the root), passed as a last env file
     */
    public SopsPlan plan(
            String app,
            String sha,
            Path repoRoot,
            Map<String, Object> model,
            Supplier<Map<String, Object>> uninterpolated,
            Map<String, String> manifests) {
        Scan scan = new Scan(repoRoot);
        services(model).forEach((service, def) -> scan.mountsAndFiles(service, def, model));
        if (!manifests.isEmpty() || services(model).values().stream().anyMatch(SopsPlanner::hasSopsEnvironment)) {
            services(uninterpolated.get())
                    .forEach((service, def) -> scan.envFiles(service, def, manifests.get(service)));
        }
        SopsPlan plan = scan.isEmpty() ? SopsPlan.NONE : digest(app, repoRoot, scan);
        synchronized (rendered) {
            rendered.put(app + "@" + sha, plan);
        }
        return plan;
    }

    /** The plan the last render of this commit made, if this process made one. */
    Optional<SopsPlan> rendered(String app, String sha) {
        synchronized (rendered) {
            return Optional.ofNullable(rendered.get(app + "@" + sha));
        }
    }

    /**
     * What a service's hash takes from secrets: the service_envs part as it was, joined by a keyed
     * hash of the SOPS plaintext it uses; unchanged for a service that uses no SOPS file, so its
     * hash stays what it was before SOPS files were read.
     */
    public SecretInputs inputs(String service, SopsPlan plan, SecretInputs serviceEnvs) {
        String digest = plan.digests().get(service);
        if (digest == null) {
            return serviceEnvs;
        }
        Map<String, String> parts = new TreeMap<>();
        parts.put("sops", digest);
        if (serviceEnvs != null) {
            parts.put("service_envs", serviceEnvs.valuesDigest());
        }
        return new SecretInputs(keyed::of, keyed.of(parts));
    }

    /** The installation's identities and the app's own {@code age_key}. */
    AgeIdentities identities(String app) {
        String own = appKeys.ageKey(app);
        return own == null ? props.identities() : props.identities().and(AgeIdentities.parse("age_key", own));
    }

    private SopsPlan digest(String app, Path repoRoot, Scan scan) {
        AgeIdentities ids = identities(app);
        Map<String, String> plaintext = new TreeMap<>();
        scan.files.keySet().forEach(file -> plaintext.put(file, JSON.writeValueAsString(decrypt(repoRoot, file, ids))));
        Map<String, Map<String, String>> perService = new TreeMap<>();
        scan.files.forEach((file, services) -> services.forEach(
                s -> perService.computeIfAbsent(s, k -> new TreeMap<>()).put(file, plaintext.get(file))));
        Map<String, String> digests = new TreeMap<>();
        perService.forEach((service, files) -> digests.put(service, keyed.of(files)));
        return new SopsPlan(List.copyOf(scan.uses), Map.copyOf(scan.envFiles), digests);
    }

    /** Decrypts one file of the repository. */
    static Map<String, Object> decrypt(Path repoRoot, String file, AgeIdentities ids) {
        byte[] content = read(repoRoot.resolve(file));
        SopsDocument doc = SopsDocument.read(file, content)
                .orElseThrow(() -> new SopsException(file + ": named as a SOPS file but has no sops metadata"));
        return SopsDecoder.decrypt(file, doc, ids);
    }

    /** A regular file of at most {@link #MAX_FILE} bytes under the repository root, as a SOPS document. */
    static Optional<SopsDocument> sopsFile(Path repoRoot, Path file) {
        if (!file.startsWith(repoRoot) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_FILE) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        byte[] content = read(file);
        // cheap test first: most mounted files are not YAML at all
        if (!new String(content, StandardCharsets.ISO_8859_1).contains("sops")) {
            return Optional.empty();
        }
        return SopsDocument.read(file.getFileName().toString(), content);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SopsException(file.getFileName() + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean hasSopsEnvironment(Map<String, Object> service) {
        return service.get("environment") instanceof Map<?, ?> env
                && (env.containsKey("sops_mac") || env.containsKey("sops_version"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services(Map<String, Object> model) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        if (model != null && model.get("services") instanceof Map<?, ?> services) {
            services.forEach((k, v) -> {
                if (k instanceof String name && v instanceof Map<?, ?> def) {
                    out.put(name, (Map<String, Object>) def);
                }
            });
        }
        return out;
    }

    /** What one model's services use, collected. */
    private static final class Scan {
        private final Path root;
        private final List<SopsPlan.Use> uses = new ArrayList<>();
        private final Map<String, List<SopsPlan.EnvFile>> envFiles = new TreeMap<>();
        /** file -> services using it */
        private final Map<String, List<String>> files = new TreeMap<>();

        Scan(Path root) {
            this.root = root.toAbsolutePath().normalize();
        }

        boolean isEmpty() {
            return files.isEmpty();
        }

        void mountsAndFiles(String service, Map<String, Object> def, Map<String, Object> model) {
            if (def.get("volumes") instanceof List<?> volumes) {
                for (Object v : volumes) {
                    if (v instanceof Map<?, ?> m
                            && "bind".equals(m.get("type"))
                            && m.get("source") instanceof String source
                            && m.get("target") instanceof String target) {
                        add(service, source, SopsPlan.Kind.BIND, target, Boolean.TRUE.equals(m.get("read_only")));
                    }
                }
            }
            topLevel(service, def, model, "secrets", SopsPlan.Kind.SECRET);
            topLevel(service, def, model, "configs", SopsPlan.Kind.CONFIG);
        }

        private void topLevel(
                String service, Map<String, Object> def, Map<String, Object> model, String kind, SopsPlan.Kind as) {
            if (!(def.get(kind) instanceof List<?> refs) || !(model.get(kind) instanceof Map<?, ?> section)) {
                return;
            }
            for (Object ref : refs) {
                Object name = ref instanceof Map<?, ?> m ? m.get("source") : ref;
                if (name instanceof String n
                        && section.get(n) instanceof Map<?, ?> top
                        && top.get("file") instanceof String file) {
                    add(service, file, as, n, true);
                }
            }
        }

        private void add(String service, String path, SopsPlan.Kind kind, String target, boolean readOnly) {
            Path file = root.resolve(path).normalize();
            if (sopsFile(root, file).isPresent()) {
                String rel = root.relativize(file).toString();
                uses.add(new SopsPlan.Use(rel, kind, service, target, readOnly));
                files.computeIfAbsent(rel, k -> new ArrayList<>()).add(service);
            }
        }

        void envFiles(String service, Map<String, Object> def, String manifest) {
            Object raw = def.get("env_file");
            List<?> entries = raw instanceof List<?> l ? l : raw instanceof String s ? List.of(s) : List.of();
            List<SopsPlan.EnvFile> list = new ArrayList<>();
            boolean anySops = false;
            for (Object entry : entries) {
                Object p = entry instanceof Map<?, ?> m ? m.get("path") : entry;
                boolean required = !(entry instanceof Map<?, ?> m) || !Boolean.FALSE.equals(m.get("required"));
                if (!(p instanceof String path)) {
                    continue;
                }
                Path file = root.resolve(path).normalize();
                boolean inRepo = file.startsWith(root);
                String rel = inRepo ? root.relativize(file).toString() : path;
                boolean sops = inRepo
                        && (file.getFileName().toString().endsWith(".sops.env")
                                || sopsFile(root, file).isPresent());
                if (sops) {
                    files.computeIfAbsent(rel, k -> new ArrayList<>()).add(service);
                    anySops = true;
                }
                list.add(new SopsPlan.EnvFile(rel, inRepo, required, sops));
            }
            if (manifest != null) {
                // last, so its values win over the EnvironmentFile ones, as Environment= does in Quadlet
                files.computeIfAbsent(manifest, k -> new ArrayList<>()).add(service);
                list.add(new SopsPlan.EnvFile(manifest, true, true, true, true));
                anySops = true;
            }
            if (anySops) {
                envFiles.put(service, List.copyOf(list));
            }
        }
    }
}
