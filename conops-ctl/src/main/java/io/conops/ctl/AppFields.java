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

    @Option(names = "--target", paramLabel = "TARGET", description = "compose or swarm. Server default: compose.")
    String target;

    @Option(
            names = "--pull-policy",
            paramLabel = "POLICY",
            description = "always, missing or never. Server default: CONOPS_PULL_POLICY.")
    String pullPolicy;

    @Option(names = "--stacks-file", paramLabel = "PATH", description = "A stack set from a stacks.yaml list.")
    String stacksFile;

    @Option(names = "--stacks-glob", paramLabel = "GLOB", description = "A stack set, e.g. stacks/*/compose.yaml.")
    String stacksGlob;

    @Option(
            names = "--docker-host",
            paramLabel = "URL",
            description = "Engine: unix:///path.sock, ssh://user@host[:port] or tcp://host[:port] (with the"
                    + " --docker-tls-* files). Default: the server's own.")
    String dockerHost;

    @Option(names = "--docker-ssh-key-file", paramLabel = "FILE", description = "SSH key for an ssh:// engine.")
    Path dockerSshKeyFile;

    @Option(
            names = "--docker-tls-ca-file",
            paramLabel = "FILE",
            description = "CA certificate (PEM) of a tcp:// engine (docker_tls_ca).")
    Path dockerTlsCaFile;

    @Option(
            names = "--docker-tls-cert-file",
            paramLabel = "FILE",
            description = "Client certificate (PEM) for a tcp:// engine (docker_tls_cert).")
    Path dockerTlsCertFile;

    @Option(
            names = "--docker-tls-key-file",
            paramLabel = "FILE",
            description = "Client private key (PEM) for a tcp:// engine (docker_tls_key).")
    Path dockerTlsKeyFile;

    @Option(
            names = "--require-signed-commits",
            arity = "0..1",
            paramLabel = "BOOL",
            description = "Deploy only commits signed by an allowed key.")
    Boolean requireSignedCommits;

    @Option(
            names = "--allowed-signers-file",
            paramLabel = "FILE",
            description = "OpenSSH allowed-signers lines whose SSH signatures count.")
    Path allowedSignersFile;

    @Option(
            names = "--gpg-public-keys-file",
            paramLabel = "FILE",
            description = "Armored OpenPGP public keys whose signatures count.")
    Path gpgPublicKeysFile;

    @Option(names = "--age-key-file", paramLabel = "FILE", description = "age identities for the app's SOPS files.")
    Path ageKeyFile;

    @Option(
            names = "--notify-url",
            paramLabel = "URL",
            description = "A notification URL (https://, slack+https://, ntfy+https://); repeat for more."
                    + " Replaces the list on update.")
    List<String> notifyUrls = new ArrayList<>();

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
        put(body, "target", target);
        put(body, "pull_policy", pullPolicy);
        put(body, "stacks_file", stacksFile);
        put(body, "stacks_glob", stacksGlob);
        put(body, "docker_host", dockerHost);
        if (requireSignedCommits != null) {
            body.put("require_signed_commits", requireSignedCommits);
        }
        putFile(body, "docker_ssh_key", dockerSshKeyFile, "--docker-ssh-key-file");
        putFile(body, "allowed_signers", allowedSignersFile, "--allowed-signers-file");
        putFile(body, "gpg_public_keys", gpgPublicKeysFile, "--gpg-public-keys-file");
        putFile(body, "age_key", ageKeyFile, "--age-key-file");
        putFile(body, "docker_tls_ca", dockerTlsCaFile, "--docker-tls-ca-file");
        putFile(body, "docker_tls_cert", dockerTlsCertFile, "--docker-tls-cert-file");
        putFile(body, "docker_tls_key", dockerTlsKeyFile, "--docker-tls-key-file");
        if (!notifyUrls.isEmpty()) {
            notifyUrls.forEach(body.putArray("notify_urls")::add);
        }
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

    private static void putFile(ObjectNode body, String field, Path file, String option) {
        if (file != null) {
            body.put(field, read(file, option));
        }
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
