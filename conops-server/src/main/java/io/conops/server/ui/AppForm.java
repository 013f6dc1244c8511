package io.conops.server.ui;

import io.conops.core.api.AppView;
import io.conops.core.api.CreateAppRequest;
import io.conops.core.api.RegistryAuth;
import io.conops.core.api.RegistryAuthView;
import io.conops.core.app.InvalidSpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The register and edit form. Its inputs are named as the API's JSON fields, and what it sends goes
 * through the same service and rules as an API request. It holds only what may be shown again:
 * secrets (deploy key, tokens, passwords) are read from the request when it is sent and never kept.
 */
public final class AppForm {
    static final List<String> FIELDS =
            List.of("name", "repo_url", "repo_auth_method", "branch", "compose_path", "poll_interval", "repo_username");
    /** Where and how the app deploys; the first four are set at registration only. */
    static final List<String> DEPLOY_FIELDS = List.of(
            "target",
            "docker_host",
            "stacks_file",
            "stacks_glob",
            "layout",
            "overlay_dir",
            "pull_policy",
            "allowed_signers",
            "gpg_public_keys");

    private static final List<String> CREATE_ONLY = List.of("target", "docker_host", "stacks_file", "stacks_glob");
    private static final int REGISTRY_ROWS = 3;
    /** Prefix of the edit form's boxes that remove a stored secret ({@code remove_deploy_key}, ...). */
    static final String REMOVE = "remove_";

    /** One registry login as the form shows it: never its password. */
    public record Registry(String registry, String username, boolean stored) {}

    private final Map<String, String> values = new HashMap<>();
    private final List<Registry> registries = new ArrayList<>();
    private final Map<String, String> errors = new HashMap<>();
    private boolean imageUpdates;
    private boolean requireSignedCommits;
    private String error;

    /** An empty registration form with the API's defaults. */
    static AppForm blank() {
        AppForm f = new AppForm();
        f.values.put("repo_auth_method", "public");
        f.values.put("branch", "main");
        f.values.put("compose_path", "compose.yaml");
        f.values.put("poll_interval", "1m");
        f.values.put("target", "compose");
        f.values.put("layout", "compose");
        f.values.put("overlay_dir", "hosts");
        f.padRegistries();
        return f;
    }

    /** The app as it is, to be edited. */
    static AppForm of(AppView app) {
        AppForm f = new AppForm();
        f.values.put("name", app.name());
        f.values.put("repo_url", app.repoUrl());
        f.values.put("repo_auth_method", app.repoAuthMethod().wire());
        f.values.put("branch", app.branch());
        f.values.put("compose_path", app.composePath());
        f.values.put("poll_interval", app.pollInterval());
        f.values.put("repo_username", app.repoUsername());
        f.imageUpdates = Boolean.TRUE.equals(app.imageUpdates());
        f.values.put("target", app.target() == null ? "compose" : app.target().wire());
        f.values.put("docker_host", app.dockerHost());
        f.values.put("stacks_file", app.stacksFile());
        f.values.put("stacks_glob", app.stacksGlob());
        f.values.put("layout", app.layout() == null ? "compose" : app.layout().wire());
        f.values.put("overlay_dir", app.overlayDir());
        f.values.put("pull_policy", app.pullPolicy());
        f.values.put("allowed_signers", app.allowedSigners());
        f.values.put("gpg_public_keys", app.gpgPublicKeys());
        f.requireSignedCommits = Boolean.TRUE.equals(app.requireSignedCommits());
        for (RegistryAuthView r : app.registryAuth()) {
            f.registries.add(new Registry(r.registry(), r.username(), true));
        }
        f.padRegistries();
        return f;
    }

    /** What the browser sent, without its secrets. */
    static AppForm sent(MultiValueMap<String, String> params) {
        AppForm f = new AppForm();
        for (String field : FIELDS) {
            f.values.put(field, params.getFirst(field));
        }
        f.imageUpdates = params.containsKey("image_updates");
        for (String field : DEPLOY_FIELDS) {
            f.values.put(field, params.getFirst(field));
        }
        f.requireSignedCommits = params.containsKey("require_signed_commits");
        for (int i = 0; i < 20; i++) {
            String registry = params.getFirst("registry_auth[" + i + "].registry");
            if (registry != null) {
                f.registries.add(new Registry(registry, params.getFirst("registry_auth[" + i + "].username"), false));
            }
        }
        f.padRegistries();
        return f;
    }

    CreateAppRequest toCreate(MultiValueMap<String, String> params, Files files) {
        boolean stackSet = given("stacks_file") != null || given("stacks_glob") != null;
        return new CreateAppRequest(
                given("name"),
                given("repo_url"),
                given("repo_auth_method"),
                given("branch"),
                stackSet ? null : given("compose_path"), // a stack set's stacks name their own files
                given("poll_interval"),
                keyFile(files.deployKey()),
                secret(params, "repo_token"),
                given("repo_username"),
                registryLogins(params),
                imageUpdates,
                secret(params, "webhook_secret"),
                serviceEnvs(params),
                given("stacks_file"),
                given("stacks_glob"),
                given("pull_policy"),
                values.get("overlay_dir") == null
                        ? null
                        : values.get("overlay_dir").strip(),
                given("layout"),
                null,
                given("target"),
                keyFile(files.ageKey()),
                requireSignedCommits,
                given("allowed_signers"),
                given("gpg_public_keys"),
                given("docker_host"),
                keyFile(files.dockerSshKey()),
                notifyUrls(params),
                secret(params, "docker_tls_ca"),
                secret(params, "docker_tls_cert"),
                secret(params, "docker_tls_key"));
    }

    /** The form's uploaded key files: each a secret, read once and never kept. */
    record Files(MultipartFile deployKey, MultipartFile ageKey, MultipartFile dockerSshKey) {}

    /** The {@code notify_urls} text area: one URL a line; null when empty. Checked by the service. */
    static List<String> notifyUrls(MultiValueMap<String, String> params) {
        String text = params.getFirst("notify_urls");
        if (text == null || text.isBlank()) {
            return null;
        }
        List<String> urls = java.util.Arrays.stream(text.split("\\r?\\n"))
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        return urls.isEmpty() ? null : urls;
    }

    /**
     * The {@code service_envs} text area: {@code NAME=value} lines ({@code #} comments and blank lines
     * skipped); null when empty. Names and values are checked by the service, as for the API.
     */
    static Map<String, String> serviceEnvs(MultiValueMap<String, String> params) {
        String text = params.getFirst("service_envs");
        if (text == null || text.isBlank()) {
            return null;
        }
        Map<String, String> envs = new java.util.LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\r?\n", -1)) {
            n++;
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new InvalidSpecException("service_envs", "line " + n + ": expected NAME=value");
            }
            envs.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
        return envs.isEmpty() ? null : envs;
    }

    /**
     * A PATCH body: the spec as the form shows it; a secret only when a new one was given (an empty
     * field keeps the stored one); a registry row without a password keeps that registry's password.
     */
    ObjectNode toPatch(MultiValueMap<String, String> params, Files files, AppView before) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        for (String field : List.of("repo_url", "repo_auth_method", "branch", "poll_interval")) {
            p.put(field, given(field));
        }
        if (before.stacksFile() == null && before.stacksGlob() == null) {
            p.put("compose_path", given("compose_path"));
        }
        for (String field : List.of("layout", "pull_policy", "allowed_signers", "gpg_public_keys")) {
            p.put(field, given(field));
        }
        p.put(
                "overlay_dir",
                values.get("overlay_dir") == null
                        ? ""
                        : values.get("overlay_dir").strip());
        p.put("require_signed_commits", requireSignedCommits);
        putSecret(p, "age_key", keyFile(files.ageKey()), params);
        putSecret(p, "docker_ssh_key", keyFile(files.dockerSshKey()), params);
        for (String tls : List.of("docker_tls_ca", "docker_tls_cert", "docker_tls_key")) {
            putSecret(p, tls, secret(params, tls), params);
        }
        List<String> urls = notifyUrls(params);
        boolean removeUrls = params.containsKey(REMOVE + "notify_urls");
        if (removeUrls && urls != null) {
            throw new InvalidSpecException("notify_urls", "give new URLs or remove the stored ones, not both");
        }
        if (removeUrls) {
            p.putNull("notify_urls");
        } else if (urls != null) {
            urls.forEach(p.putArray("notify_urls")::add);
        }
        if ("token".equals(given("repo_auth_method"))) {
            p.put("repo_username", given("repo_username"));
        }
        putSecret(p, "deploy_key", keyFile(files.deployKey()), params);
        putSecret(p, "repo_token", secret(params, "repo_token"), params);
        putSecret(p, "webhook_secret", secret(params, "webhook_secret"), params);
        Map<String, String> envs = serviceEnvs(params);
        boolean removeEnvs = params.containsKey(REMOVE + "service_envs");
        if (removeEnvs && envs != null) {
            throw new InvalidSpecException("service_envs", "give new variables or remove the stored ones, not both");
        }
        if (removeEnvs) {
            p.putNull("service_envs");
        } else if (envs != null) {
            ObjectNode map = p.putObject("service_envs"); // replaces the stored map, as a PATCH does
            envs.forEach(map::put);
        }
        List<RegistryAuth> logins = registryLogins(params);
        if (logins != null) {
            ArrayNode list = p.putArray("registry_auth");
            for (RegistryAuth r : logins) {
                ObjectNode entry =
                        list.addObject().put("registry", r.registry()).put("username", r.username());
                if (r.password() != null) {
                    entry.put("password", r.password());
                }
            }
        } else if (!before.registryAuth().isEmpty()) {
            p.putNull("registry_auth"); // every row emptied: the logins go
        }
        p.put("image_updates", imageUpdates);
        return p;
    }

    /**
     * A new secret, or the API's null when its "remove the stored one" box is ticked (the service
     * then decides, as for a PATCH, whether the app can do without it); nothing keeps the stored one.
     */
    private static void putSecret(ObjectNode p, String field, String value, MultiValueMap<String, String> params) {
        boolean remove = params.containsKey(REMOVE + field);
        if (remove && value != null) {
            throw new InvalidSpecException(field, "give a new one or remove the stored one, not both");
        }
        if (remove) {
            p.putNull(field);
        } else if (value != null) {
            p.put(field, value);
        }
    }

    private List<RegistryAuth> registryLogins(MultiValueMap<String, String> params) {
        List<RegistryAuth> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String registry = blankToNull(params.getFirst("registry_auth[" + i + "].registry"));
            if (registry != null) {
                out.add(new RegistryAuth(
                        registry,
                        blankToNull(params.getFirst("registry_auth[" + i + "].username")),
                        secret(params, "registry_auth[" + i + "].password")));
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static String keyFile(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            return null;
        }
        try {
            return new String(file.getBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String secret(MultiValueMap<String, String> params, String field) {
        String v = params.getFirst(field);
        return v == null || v.isEmpty() ? null : v;
    }

    private String given(String field) {
        return blankToNull(values.get(field));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private void padRegistries() {
        while (registries.size() < REGISTRY_ROWS) {
            registries.add(new Registry("", "", false));
        }
    }

    void reject(String field, String message) {
        if (field != null && field.startsWith("service_envs")) {
            field = "service_envs"; // the service names the variable: service_envs.NAME
        }
        if (field != null && field.startsWith("notify_urls")) {
            field = "notify_urls"; // the service names the entry: notify_urls[2]
        }
        if (field != null
                && (FIELDS.contains(field)
                        || DEPLOY_FIELDS.contains(field)
                        || field.equals("image_updates")
                        || field.equals("require_signed_commits")
                        || isSecretField(field))) {
            errors.put(field, message);
        } else {
            error = message;
        }
    }

    private static boolean isSecretField(String field) {
        return List.of(
                        "deploy_key",
                        "repo_token",
                        "webhook_secret",
                        "registry_auth",
                        "service_envs",
                        "age_key",
                        "docker_ssh_key",
                        "notify_urls",
                        "docker_tls_ca",
                        "docker_tls_cert",
                        "docker_tls_key")
                .contains(field);
    }

    public Map<String, String> getValues() {
        return values;
    }

    public List<Registry> getRegistries() {
        return registries;
    }

    public Map<String, String> getErrors() {
        return errors;
    }

    public boolean isImageUpdates() {
        return imageUpdates;
    }

    public boolean isRequireSignedCommits() {
        return requireSignedCommits;
    }

    /** Whether the field can be changed after registration. */
    public boolean isCreateOnly(String field) {
        return CREATE_ONLY.contains(field);
    }

    public String getError() {
        return error;
    }

    public boolean hasErrors() {
        return error != null || !errors.isEmpty();
    }
}
