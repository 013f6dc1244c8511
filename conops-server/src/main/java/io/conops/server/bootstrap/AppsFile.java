package io.conops.server.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads CONOPS_APPS_FILE: a YAML (or JSON, which YAML reads too) list of apps with the API's
 * fields. A credential may be given as a path instead ({@code deploy_key_file},
 * {@code repo_token_file}, {@code webhook_secret_file}, and {@code password_file} in a
 * {@code registry_auth} entry), so the list itself can be kept in Git without secrets.
 */
final class AppsFile {
    static final String VARIABLE = "CONOPS_APPS_FILE";
    private static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final List<String> FILE_FIELDS = List.of("deploy_key", "repo_token", "webhook_secret");

    private AppsFile() {}

    static List<DeclaredApp> read(Path file, JsonMapper json) {
        Object doc = load(file);
        if (!(doc instanceof List<?> list)) {
            throw new DeclarationException(VARIABLE, file.toString(), null, "must be a list of apps (- name: ...)");
        }
        List<DeclaredApp> apps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object entry = list.get(i);
            String where = "entry " + (i + 1);
            if (!(entry instanceof Map<?, ?>)) {
                throw new DeclarationException(VARIABLE, where, null, "must be an app's fields (name, repo_url, ...)");
            }
            ObjectNode fields = (ObjectNode) json.valueToTree(entry);
            if (fields.has("name") && fields.get("name").isString()) {
                where += " (" + fields.get("name").asString() + ")";
            }
            readFiles(fields, where, file.getParent());
            apps.add(new DeclaredApp(VARIABLE, where, fields));
        }
        return apps;
    }

    private static Object load(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new DeclarationException(VARIABLE, file.toString(), null, "no such file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new DeclarationException(VARIABLE, file.toString(), null, "is larger than 4 MiB");
            }
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            return new Yaml(new SafeConstructor(options)).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | YAMLException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new DeclarationException(VARIABLE, file.toString(), null, "cannot be read: " + first);
        }
    }

    /** {@code X_file: path} becomes {@code X: <the file's content>}; relative paths are the list's. */
    private static void readFiles(ObjectNode fields, String where, Path base) {
        for (String field : FILE_FIELDS) {
            take(fields, field, where, base);
        }
        JsonNode logins = fields.get("registry_auth");
        if (logins != null && logins.isArray()) {
            for (int i = 0; i < logins.size(); i++) {
                if (logins.get(i) instanceof ObjectNode login) {
                    take(login, "password", where + ": registry_auth." + i, base);
                }
            }
        }
    }

    private static void take(ObjectNode fields, String field, String where, Path base) {
        JsonNode path = fields.remove(field + "_file");
        if (path == null) {
            return;
        }
        if (fields.has(field)) {
            throw new DeclarationException(
                    VARIABLE, where, field + "_file", "give " + field + " or " + field + "_file, not both");
        }
        if (!path.isString() || path.asString().isBlank()) {
            throw new DeclarationException(VARIABLE, where, field + "_file", "must be a file path");
        }
        Path p = base == null ? Path.of(path.asString()) : base.resolve(path.asString());
        try {
            String content = Files.readString(p, StandardCharsets.UTF_8);
            // a key keeps its last line break; a token or password ends at its line
            fields.put(field, field.equals("deploy_key") ? content : content.strip());
        } catch (IOException e) {
            throw new DeclarationException(
                    VARIABLE,
                    where,
                    field + "_file",
                    "cannot read " + p + ": " + e.getClass().getSimpleName());
        }
    }
}
