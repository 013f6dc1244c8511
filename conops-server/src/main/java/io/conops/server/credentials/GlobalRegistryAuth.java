package io.conops.server.credentials;

import io.conops.core.app.InvalidSpecException;
import io.conops.server.system.InvalidSettingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registry logins for every app, from the JSON file named by {@value #VARIABLE}, read once at
 * start-up. Either a list in the API's shape, {@code [{"registry": …, "username": …, "password": …}]},
 * or a Docker client {@code config.json} with {@code auths} entries holding {@code auth}
 * (base64 of user:password). An app's own {@code registry_auth} wins for the same registry.
 */
public final class GlobalRegistryAuth {
    public static final String VARIABLE = "CONOPS_REGISTRY_AUTH_FILE";

    private final List<RegistryCredential> credentials;

    GlobalRegistryAuth(List<RegistryCredential> credentials) {
        this.credentials = List.copyOf(credentials);
    }

    public static GlobalRegistryAuth none() {
        return new GlobalRegistryAuth(List.of());
    }

    /** @param file the configured path, or null/blank for none */
    static GlobalRegistryAuth load(String file) {
        if (file == null || file.isBlank()) {
            return none();
        }
        Path path = Path.of(file.strip());
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidSettingException(
                    VARIABLE, "cannot read " + path + ": " + e.getClass().getSimpleName());
        } catch (JacksonException e) {
            // the parser's message may quote the file, and the file holds passwords
            throw new InvalidSettingException(VARIABLE, path + " is not valid JSON");
        }
        try {
            return new GlobalRegistryAuth(root.isArray() ? fromList(root, path) : fromDockerConfig(root, path));
        } catch (InvalidSpecException e) {
            throw new InvalidSettingException(VARIABLE, path + ": " + e.reason());
        }
    }

    public List<RegistryCredential> credentials() {
        return credentials;
    }

    private static List<RegistryCredential> fromList(JsonNode root, Path path) {
        List<RegistryCredential> out = new ArrayList<>();
        for (JsonNode entry : root) {
            if (!entry.isObject()) {
                throw new InvalidSettingException(
                        VARIABLE, path + ": every entry must be an object with registry, username and password");
            }
            out.add(new RegistryCredential(text(entry, "registry"), text(entry, "username"), text(entry, "password")));
        }
        return out;
    }

    private static List<RegistryCredential> fromDockerConfig(JsonNode root, Path path) {
        JsonNode auths = root.get("auths");
        if (auths == null || !auths.isObject()) {
            throw new InvalidSettingException(
                    VARIABLE,
                    path + " must be a JSON list of {registry, username, password} "
                            + "or a Docker config.json with \"auths\"");
        }
        List<RegistryCredential> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : auths.properties()) {
            String registry = e.getKey().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            if (registry.equals("index.docker.io")) {
                registry = "docker.io";
            }
            String auth = text(e.getValue(), "auth");
            String decoded;
            try {
                decoded = auth == null ? "" : new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException bad) {
                throw new InvalidSettingException(VARIABLE, path + ": the auth of '" + registry + "' is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new InvalidSettingException(
                        VARIABLE, path + ": the auth of '" + registry + "' is not user:password");
            }
            out.add(new RegistryCredential(registry, decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isString() ? null : v.asString();
    }

    @Override
    public String toString() {
        return "GlobalRegistryAuth" + credentials;
    }
}
