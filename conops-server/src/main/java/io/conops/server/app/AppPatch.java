package io.conops.server.app;

import io.conops.core.api.CreateAppRequest;
import io.conops.core.api.RegistryAuth;
import io.conops.core.app.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code PATCH /api/v1/apps/{id}}: each field absent (unchanged), null (cleared, where
 * that means something) or a value. Parsed by hand because a record cannot tell absent from null;
 * as strict as the create request: unknown fields and wrong types are errors naming the field.
 */
record AppPatch(
        Change<String> repoUrl,
        Change<String> branch,
        Change<String> composePath,
        Change<String> pollInterval,
        Change<String> repoAuthMethod,
        Change<String> deployKey,
        Change<String> repoToken,
        Change<String> repoUsername,
        Change<List<RegistryAuth>> registryAuth,
        Change<Boolean> imageUpdates,
        Change<String> webhookSecret,
        Change<Map<String, String>> serviceEnvs,
        Change<String> stacksFile,
        Change<String> stacksGlob,
        Change<String> pullPolicy,
        Change<String> overlayDir,
        Change<String> layout,
        Change<Boolean> allowPreScripts,
        Change<String> target,
        Change<String> ageKey,
        Change<Boolean> requireSignedCommits,
        Change<String> allowedSigners,
        Change<String> gpgPublicKeys,
        Change<String> dockerHost,
        Change<String> dockerSshKey,
        Change<List<String>> notifyUrls,
        Change<String> dockerTlsCa,
        Change<String> dockerTlsCert,
        Change<String> dockerTlsKey) {

    /** One field of a patch. */
    record Change<T>(boolean given, T value) {
        private static final Change<?> ABSENT = new Change<>(false, null);

        @SuppressWarnings("unchecked")
        static <T> Change<T> absent() {
            return (Change<T>) ABSENT;
        }

        static <T> Change<T> of(T value) {
            return new Change<>(true, value);
        }

        /** For create requests, where absent and null mean the same. */
        static <T> Change<T> ofNullable(T value) {
            return value == null ? absent() : of(value);
        }

        boolean isSetTo() {
            return given && value != null;
        }

        boolean clears() {
            return given && value == null;
        }

        @Override
        public String toString() {
            return given ? "given" : "absent"; // values may be secrets
        }
    }

    private static final Set<String> FIELDS = Set.of(
            "repo_url",
            "branch",
            "compose_path",
            "poll_interval",
            "repo_auth_method",
            "deploy_key",
            "repo_token",
            "repo_username",
            "registry_auth",
            "image_updates",
            "webhook_secret",
            "service_envs",
            "stacks_file",
            "stacks_glob",
            "pull_policy",
            "overlay_dir",
            "layout",
            "allow_pre_scripts",
            "target",
            "age_key",
            "require_signed_commits",
            "allowed_signers",
            "gpg_public_keys",
            "docker_host",
            "docker_ssh_key",
            "notify_urls",
            "docker_tls_ca",
            "docker_tls_cert",
            "docker_tls_key");

    /** The credential-related part of a create request, in patch form. */
    static AppPatch ofCreate(CreateAppRequest r) {
        return new AppPatch(
                Change.ofNullable(r.repoUrl()),
                Change.ofNullable(r.branch()),
                Change.ofNullable(r.composePath()),
                Change.ofNullable(r.pollInterval()),
                Change.ofNullable(r.repoAuthMethod()),
                Change.ofNullable(r.deployKey()),
                Change.ofNullable(r.repoToken()),
                Change.ofNullable(r.repoUsername()),
                Change.ofNullable(r.registryAuth()),
                Change.ofNullable(r.imageUpdates()),
                Change.ofNullable(r.webhookSecret()),
                Change.ofNullable(r.serviceEnvs()),
                Change.ofNullable(r.stacksFile()),
                Change.ofNullable(r.stacksGlob()),
                Change.ofNullable(r.pullPolicy()),
                Change.ofNullable(r.overlayDir()),
                Change.ofNullable(r.layout()),
                Change.ofNullable(r.allowPreScripts()),
                Change.ofNullable(r.target()),
                Change.ofNullable(r.ageKey()),
                Change.ofNullable(r.requireSignedCommits()),
                Change.ofNullable(r.allowedSigners()),
                Change.ofNullable(r.gpgPublicKeys()),
                Change.ofNullable(r.dockerHost()),
                Change.ofNullable(r.dockerSshKey()),
                Change.ofNullable(r.notifyUrls()),
                Change.ofNullable(r.dockerTlsCa()),
                Change.ofNullable(r.dockerTlsCert()),
                Change.ofNullable(r.dockerTlsKey()));
    }

    static AppPatch parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidSpecException("body", "a JSON object is required");
        }
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (e.getKey().equals("name")) {
                throw new InvalidSpecException(
                        "name", "cannot be changed: it is the Compose project name; register a new app instead");
            }
            if (!FIELDS.contains(e.getKey())) {
                throw new InvalidSpecException(e.getKey(), "unknown field");
            }
        }
        return new AppPatch(
                text(body, "repo_url"),
                text(body, "branch"),
                text(body, "compose_path"),
                text(body, "poll_interval"),
                text(body, "repo_auth_method"),
                text(body, "deploy_key"),
                text(body, "repo_token"),
                text(body, "repo_username"),
                registries(body),
                bool(body, "image_updates"),
                text(body, "webhook_secret"),
                envs(body),
                text(body, "stacks_file"),
                text(body, "stacks_glob"),
                text(body, "pull_policy"),
                text(body, "overlay_dir"),
                text(body, "layout"),
                bool(body, "allow_pre_scripts"),
                text(body, "target"),
                text(body, "age_key"),
                bool(body, "require_signed_commits"),
                text(body, "allowed_signers"),
                text(body, "gpg_public_keys"),
                text(body, "docker_host"),
                text(body, "docker_ssh_key"),
                strings(body, "notify_urls"),
                text(body, "docker_tls_ca"),
                text(body, "docker_tls_cert"),
                text(body, "docker_tls_key"));
    }

    /** A JSON list of strings; null or [] clears it. */
    private static Change<List<String>> strings(JsonNode body, String field) {
        if (!body.has(field)) {
            return Change.absent();
        }
        JsonNode v = body.get(field);
        if (v.isNull()) {
            return Change.of(null);
        }
        if (!v.isArray()) {
            throw new InvalidSpecException(field, "wrong type or value: a list of strings is expected");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode entry : v) {
            if (!entry.isString()) {
                throw new InvalidSpecException(field, "every entry must be a string");
            }
            out.add(entry.asString());
        }
        return Change.of(out);
    }

    /** A JSON object of strings; the names and sizes are checked by {@link ServiceEnvRules}. */
    private static Change<Map<String, String>> envs(JsonNode body) {
        String field = "service_envs";
        if (!body.has(field)) {
            return Change.absent();
        }
        JsonNode v = body.get(field);
        if (v.isNull()) {
            return Change.of(null);
        }
        if (!v.isObject()) {
            throw new InvalidSpecException(field, "wrong type or value: an object of NAME: \"value\" is expected");
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isString()) {
                throw new InvalidSpecException(field + "." + e.getKey(), "must be a string");
            }
            out.put(e.getKey(), e.getValue().asString());
        }
        return Change.of(out);
    }

    private static Change<String> text(JsonNode body, String field) {
        if (!body.has(field)) {
            return Change.absent();
        }
        JsonNode v = body.get(field);
        if (v.isNull()) {
            return Change.of(null);
        }
        if (!v.isString()) {
            throw new InvalidSpecException(field, "wrong type or value: a string is expected");
        }
        return Change.of(v.asString());
    }

    private static Change<Boolean> bool(JsonNode body, String field) {
        if (!body.has(field)) {
            return Change.absent();
        }
        JsonNode v = body.get(field);
        if (v.isNull()) {
            return Change.of(null);
        }
        if (!v.isBoolean()) {
            throw new InvalidSpecException(field, "wrong type or value: true or false is expected");
        }
        return Change.of(v.booleanValue());
    }

    private static Change<List<RegistryAuth>> registries(JsonNode body) {
        String field = "registry_auth";
        if (!body.has(field)) {
            return Change.absent();
        }
        JsonNode v = body.get(field);
        if (v.isNull()) {
            return Change.of(null);
        }
        if (!v.isArray()) {
            throw new InvalidSpecException(
                    field, "wrong type or value: a list of {registry, username, password} is expected");
        }
        List<RegistryAuth> out = new ArrayList<>();
        for (JsonNode entry : v) {
            if (!entry.isObject()) {
                throw new InvalidSpecException(
                        field, "every entry must be an object with registry, username and password");
            }
            for (Map.Entry<String, JsonNode> e : entry.properties()) {
                if (!Set.of("registry", "username", "password").contains(e.getKey())) {
                    throw new InvalidSpecException(field, "unknown field '" + e.getKey() + "' in an entry");
                }
                if (!e.getValue().isNull() && !e.getValue().isString()) {
                    throw new InvalidSpecException(field, e.getKey() + " must be a string");
                }
            }
            out.add(new RegistryAuth(str(entry, "registry"), str(entry, "username"), str(entry, "password")));
        }
        return Change.of(out);
    }

    private static String str(JsonNode entry, String field) {
        JsonNode v = entry.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
