package io.conops.server.credentials;

import io.conops.core.app.InvalidSpecException;
import io.conops.server.system.Files2;
import io.conops.server.system.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A Docker client config directory per app, so Compose (run with {@code DOCKER_CONFIG=dir}) can pull
 * from private registries without credentials reaching the host's {@code ~/.docker} or another app.
 * The directory is 0700 and {@code config.json} 0600 from the moment they exist.
 */
public final class PrivateDockerConfig {
    public static final String FILE_NAME = "config.json";

    /** The key the Docker CLI looks up for Docker Hub images, whatever name the user gave the registry. */
    static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

    private static final Set<String> DOCKER_HUB_NAMES = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

    /**
     * Writes {@code dir/config.json} with one {@code auths} entry per credential, replacing any
     * previous one atomically. Other files in {@code dir} (Compose and buildx keep state there) stay.
     *
     * @return the config file
     * @throws InvalidSpecException ({@code registry_auth}) if two credentials name the same registry
     * @throws UncheckedIOException if the directory or file cannot be written
     */
    public Path write(Path dir, List<RegistryCredential> credentials) {
        byte[] json = json(credentials);
        Path file = dir.resolve(FILE_NAME);
        try {
            SecureFiles.ensurePrivateDirectory(dir);
            SecureFiles.writeAtomically(file, json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Docker config " + file, e);
        }
    }

    /** Removes {@code dir} and everything in it; nothing to do if it does not exist. Links are not followed. */
    public void delete(Path dir) {
        Files2.deleteRecursively(dir);
    }

    /** The registry as the Docker CLI will look it up in {@code auths}. */
    static String configKey(String registry) {
        String lower = registry.toLowerCase(Locale.ROOT);
        return DOCKER_HUB_NAMES.contains(lower) ? DOCKER_HUB_KEY : registry;
    }

    private static byte[] json(List<RegistryCredential> credentials) {
        // Sorted, so the same credentials always give the same bytes.
        Map<String, String> auths = new TreeMap<>();
        for (RegistryCredential credential : credentials) {
            String userPass = credential.username() + ":" + credential.password();
            String auth = Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
            if (auths.put(configKey(credential.registry()), auth) != null) {
                throw new InvalidSpecException(
                        RegistryCredential.FIELD,
                        "registry '" + credential.registry() + "' has more than one credential");
            }
        }
        // Hand-written JSON is safe here: keys are validated host[:port] (or the fixed Docker Hub key)
        // and values are base64, so nothing needs escaping.
        StringJoiner out = new StringJoiner(",", "{\"auths\":{", "}}\n");
        auths.forEach((key, auth) -> out.add("\"" + key + "\":{\"auth\":\"" + auth + "\"}"));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
