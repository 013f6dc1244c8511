package io.conops.ctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The app fields {@code apps create}, {@code apps add} and {@code apps update} take: from a file
 * ({@code -f}, JSON or YAML with the API's field names, as the original ConOps' examples/*.json),
 * then from flags, which win. Values go to the server unchecked: its validation is the one
 * authority, and its answer names the field to fix.
 */
final class AppFields {
    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "JSON or YAML with the API's field names (name, repo_url, branch, ...).")
    Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "App name: lowercase letters, digits, '-', '_'.")
    String name;

    @Option(
            names = {"--repo-url", "--repo"},
            paramLabel = "URL",
            description = "Git repository: https://, ssh://, git@host:path or file:// (if allowed).")
    String repoUrl;

    @Option(names = "--branch", paramLabel = "BRANCH", description = "Branch to follow. Server default: main.")
    String branch;

    @Option(names = "--compose-path", paramLabel = "PATH", description = "Compose file. Server default: compose.yaml.")
    String composePath;

    @Option(names = "--poll-interval", paramLabel = "DURATION", description = "e.g. 30s, 5m. Server default: 30s.")
    String pollInterval;

    @Option(
            names = {"--repo-auth-method", "--auth-method"},
            paramLabel = "METHOD",
            description = "public, deploy_key or token.")
    String authMethod;

    @Option(
            names = "--deploy-key-file",
            paramLabel = "FILE",
            description = "Private SSH key for the repository (sets --repo-auth-method deploy_key).")
    Path deployKeyFile;

    @Option(
            names = "--env",
            paramLabel = "KEY=VALUE",
            description = "A service_envs variable; repeat for more. Replaces the whole map on update.")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "service_envs from a KEY=VALUE file.")
    Path envFile;

    @Option(
            names = "--layout",
            paramLabel = "LAYOUT",
            description = "compose or homelab-gitops. Server default: compose.")
    String layout;

    @Option(
            names = "--overlay-dir",
            paramLabel = "DIR",
            description = "Folder of per-host overlays; \"\" for none. Server default: hosts.")
    String overlayDir;

    /** The request body: the file's fields, then every flag given. */
    ObjectNode body() {
        ObjectNode body = file == null ? Json.MAPPER.createObjectNode() : readFile(file);
        put(body, "name", name);
        put(body, "repo_url", repoUrl);
        put(body, "branch", branch);
        put(body, "compose_path", composePath);
        put(body, "poll_interval", pollInterval);
        put(body, "repo_auth_method", authMethod);
        put(body, "layout", layout);
        put(body, "overlay_dir", overlayDir);
        if (deployKeyFile != null) {
            body.put("deploy_key", read(deployKeyFile, "--deploy-key-file"));
            if (authMethod == null) {
                body.put("repo_auth_method", "deploy_key");
            }
        }
        Map<String, String> envs = envs();
        if (envs != null) {
            ObjectNode node = body.putObject("service_envs");
            envs.forEach(node::put);
        }
        return body;
    }

    private Map<String, String> envs() {
        if (env.isEmpty() && envFile == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (envFile != null) {
            for (String line : read(envFile, "--env-file").split("\\R")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    addPair(out, l.startsWith("export ") ? l.substring(7).strip() : l, "--env-file");
                }
            }
        }
        env.forEach(pair -> addPair(out, pair, "--env"));
        return out;
    }

    private static void addPair(Map<String, String> out, String pair, String option) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            // never quote the pair: its value may be a secret
            throw new CtlException(ExitCodes.USAGE, option + ": expected KEY=VALUE");
        }
        String value = pair.substring(eq + 1);
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        out.put(pair.substring(0, eq).strip(), value);
    }

    private static void put(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    static ObjectNode readFile(Path file) {
        String text = read(file, "-f");
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean yaml = name.endsWith(".yaml")
                || name.endsWith(".yml")
                || !text.stripLeading().startsWith("{");
        JsonNode node = yaml ? Yaml.read(text, file.toString()) : parseJson(text, file);
        if (!(node instanceof ObjectNode object)) {
            throw new CtlException(ExitCodes.USAGE, file + ": expected an object of app fields");
        }
        return object;
    }

    private static JsonNode parseJson(String text, Path file) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (RuntimeException e) {
            throw new CtlException(ExitCodes.USAGE, file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String read(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CtlException(ExitCodes.USAGE, option + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
