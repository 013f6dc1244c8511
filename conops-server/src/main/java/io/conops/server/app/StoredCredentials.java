package io.conops.server.app;

import io.conops.core.api.RegistryAuthView;
import io.conops.core.port.GitCredentials;
import io.conops.server.credentials.CredentialKeyException;
import io.conops.server.credentials.GlobalRegistryAuth;
import io.conops.server.credentials.RegistryCredential;
import io.conops.server.credentials.SecretCipher;
import jakarta.annotation.PostConstruct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The apps' credentials as the database holds them: encrypted on the way in, decrypted in memory
 * on the way out, never anywhere else in clear. At start-up every stored ciphertext must decrypt
 * (a wrong or missing key stops ConOps instead of silently losing credentials), and values made
 * with CONOPS_ENCRYPTION_KEY_PREVIOUS are re-encrypted under the current key.
 */
@Component
public class StoredCredentials {
    private static final Logger log = LoggerFactory.getLogger(StoredCredentials.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<StoredLogin>> LOGINS = new TypeReference<>() {};
    private static final TypeReference<java.util.TreeMap<String, String>> ENVS = new TypeReference<>() {};

    /** One registry login as stored: the password is a ciphertext. */
    record StoredLogin(String registry, String username, String password) {
        @Override
        public String toString() {
            return "StoredLogin[registry=" + registry + ", username=" + username + "]";
        }
    }

    private final SecretCipher cipher;
    private final AppRepository apps;
    private final TransactionTemplate tx;
    private final GlobalRegistryAuth global;

    StoredCredentials(SecretCipher cipher, AppRepository apps, TransactionTemplate tx, GlobalRegistryAuth global) {
        this.cipher = cipher;
        this.apps = apps;
        this.tx = tx;
        this.global = global;
    }

    @PostConstruct
    void verifyAndRotate() {
        tx.executeWithoutResult(s -> {
            List<AppEntity> all = apps.findAll();
            List<String> tokens = new ArrayList<>();
            for (AppEntity a : all) {
                tokens.addAll(ciphertexts(a));
            }
            cipher.verifyAll(tokens);
            int rotated = 0;
            for (AppEntity a : all) {
                rotated += reEncrypt(a);
            }
            if (rotated > 0) {
                log.info("Re-encrypted {} stored credential(s) under the current encryption key", rotated);
            } else if (!tokens.isEmpty()) {
                log.info("Verified {} stored credential(s) against the encryption key", tokens.size());
            }
        });
    }

    /** The Git credentials of the app, decrypted for one use. */
    public GitCredentials git(AppEntity a) {
        return switch (a.getRepoAuthMethod()) {
            case PUBLIC -> GitCredentials.NONE;
            case DEPLOY_KEY ->
                new GitCredentials.DeployKey(require(a, cipher.decrypt(a.getDeployKeyEnc()), "deploy key"));
            case TOKEN ->
                new GitCredentials.Token(a.getRepoUsername(), require(a, cipher.decrypt(a.getRepoTokenEnc()), "token"));
        };
    }

    /** The app's own registry logins, decrypted. */
    public List<RegistryCredential> registries(AppEntity a) {
        return logins(a.getRegistryAuth()).stream()
                .map(l -> new RegistryCredential(l.registry(), l.username(), cipher.decrypt(l.password())))
                .toList();
    }

    /** The logins Compose gets for the app: the global ones, overridden per registry by the app's own. */
    public List<RegistryCredential> registriesForPull(AppEntity a) {
        Map<String, RegistryCredential> byRegistry = new LinkedHashMap<>();
        for (RegistryCredential c : global.credentials()) {
            byRegistry.put(key(c.registry()), c);
        }
        for (RegistryCredential c : registries(a)) {
            byRegistry.put(key(c.registry()), c);
        }
        return List.copyOf(byRegistry.values());
    }

    /** The app's own webhook secret, decrypted for one check; null when it has none. */
    public String webhookSecret(AppEntity a) {
        return cipher.decrypt(a.getWebhookSecretEnc());
    }

    /** The app's service_envs, decrypted for one use; empty when it has none. */
    public java.util.SortedMap<String, String> serviceEnvs(AppEntity a) {
        String json = cipher.decrypt(a.getServiceEnvsEnc());
        return json == null ? new java.util.TreeMap<>() : JSON.readValue(json, ENVS);
    }

    void setServiceEnvs(AppEntity a, Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            a.setServiceEnvsEnc(null);
            a.setServiceEnvKeys(List.of());
            return;
        }
        java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>(values);
        a.setServiceEnvsEnc(cipher.encrypt(JSON.writeValueAsString(sorted)));
        a.setServiceEnvKeys(sorted.keySet());
    }

    /** The app's own age identities for its SOPS files, decrypted for one use; null when it has none. */
    public String ageKey(AppEntity a) {
        return cipher.decrypt(a.getAgeKeyEnc());
    }

    void setAgeKey(AppEntity a, String plaintext) {
        a.setAgeKeyEnc(plaintext == null ? null : cipher.encrypt(plaintext));
    }

    /** The SSH key of the app's ssh:// engine, decrypted for one use; null when it has none. */
    public String dockerSshKey(AppEntity a) {
        return cipher.decrypt(a.getDockerSshKeyEnc());
    }

    void setDockerSshKey(AppEntity a, String plaintext) {
        a.setDockerSshKeyEnc(plaintext == null ? null : cipher.encrypt(plaintext));
    }

    /** The TLS material of the app's tcp:// engine, decrypted for one use; null when it has none. */
    public DockerTls dockerTls(AppEntity a) {
        String json = cipher.decrypt(a.getDockerTlsEnc());
        return json == null ? null : JSON.readValue(json, DockerTls.class);
    }

    void setDockerTls(AppEntity a, DockerTls tls) {
        a.setDockerTlsEnc(tls == null ? null : cipher.encrypt(JSON.writeValueAsString(tls)));
    }

    /** The app's own notification URLs, decrypted for one delivery; empty when it has none. */
    public List<String> notifyUrls(AppEntity a) {
        String text = cipher.decrypt(a.getNotifyUrlsEnc());
        return text == null ? List.of() : List.of(JSON.readValue(text, String[].class));
    }

    void setNotifyUrls(AppEntity a, List<String> urls) {
        a.setNotifyUrlsEnc(urls.isEmpty() ? null : cipher.encrypt(JSON.writeValueAsString(urls)));
    }

    void setWebhookSecret(AppEntity a, String plaintext) {
        a.setWebhookSecretEnc(plaintext == null ? null : cipher.encrypt(plaintext));
    }

    void setDeployKey(AppEntity a, String plaintext) {
        a.setDeployKeyEnc(cipher.encrypt(plaintext));
    }

    void setRepoToken(AppEntity a, String plaintext) {
        a.setRepoTokenEnc(cipher.encrypt(plaintext));
    }

    void setRegistries(AppEntity a, List<RegistryCredential> credentials) {
        if (credentials == null || credentials.isEmpty()) {
            a.setRegistryAuth(null);
            return;
        }
        List<StoredLogin> stored = credentials.stream()
                .map(c -> new StoredLogin(c.registry(), c.username(), cipher.encrypt(c.password())))
                .toList();
        a.setRegistryAuth(JSON.writeValueAsString(stored));
    }

    /** The stored password of a registry (any spelling of Docker Hub counts as one), or null. */
    String storedPassword(AppEntity a, String registry) {
        return logins(a.getRegistryAuth()).stream()
                .filter(l -> key(l.registry()).equals(key(registry)))
                .map(l -> cipher.decrypt(l.password()))
                .findFirst()
                .orElse(null);
    }

    /** What the API shows of the registry logins: no passwords. */
    static List<RegistryAuthView> registryViews(String storedJson) {
        return logins(storedJson).stream()
                .map(l -> new RegistryAuthView(l.registry(), l.username(), l.password() != null))
                .toList();
    }

    static String key(String registry) {
        String lower = registry.toLowerCase(java.util.Locale.ROOT);
        return switch (lower) {
            case "docker.io", "index.docker.io", "registry-1.docker.io" -> "docker.io";
            default -> lower;
        };
    }

    private static List<StoredLogin> logins(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return JSON.readValue(json, LOGINS);
    }

    private static List<String> ciphertexts(AppEntity a) {
        List<String> out = new ArrayList<>();
        out.add(a.getDeployKeyEnc());
        out.add(a.getRepoTokenEnc());
        out.add(a.getWebhookSecretEnc());
        out.add(a.getNotifyUrlsEnc());
        out.add(a.getServiceEnvsEnc());
        out.add(a.getAgeKeyEnc());
        out.add(a.getDockerSshKeyEnc());
        out.add(a.getDockerTlsEnc());
        logins(a.getRegistryAuth()).forEach(l -> out.add(l.password()));
        out.removeIf(Objects::isNull);
        return out;
    }

    private int reEncrypt(AppEntity a) {
        int n = 0;
        if (cipher.needsReEncryption(a.getDeployKeyEnc())) {
            a.setDeployKeyEnc(cipher.reEncrypt(a.getDeployKeyEnc()));
            n++;
        }
        if (cipher.needsReEncryption(a.getRepoTokenEnc())) {
            a.setRepoTokenEnc(cipher.reEncrypt(a.getRepoTokenEnc()));
            n++;
        }
        if (cipher.needsReEncryption(a.getNotifyUrlsEnc())) {
            a.setNotifyUrlsEnc(cipher.reEncrypt(a.getNotifyUrlsEnc()));
            n++;
        }
        if (cipher.needsReEncryption(a.getWebhookSecretEnc())) {
            a.setWebhookSecretEnc(cipher.reEncrypt(a.getWebhookSecretEnc()));
            n++;
        }
        if (cipher.needsReEncryption(a.getAgeKeyEnc())) {
            a.setAgeKeyEnc(cipher.reEncrypt(a.getAgeKeyEnc()));
            n++;
        }
        if (cipher.needsReEncryption(a.getServiceEnvsEnc())) {
            a.setServiceEnvsEnc(cipher.reEncrypt(a.getServiceEnvsEnc()));
            n++;
        }
        if (cipher.needsReEncryption(a.getDockerSshKeyEnc())) {
            a.setDockerSshKeyEnc(cipher.reEncrypt(a.getDockerSshKeyEnc()));
            n++;
        }
        if (cipher.needsReEncryption(a.getDockerTlsEnc())) {
            a.setDockerTlsEnc(cipher.reEncrypt(a.getDockerTlsEnc()));
            n++;
        }
        List<StoredLogin> logins = logins(a.getRegistryAuth());
        if (logins.stream().anyMatch(l -> cipher.needsReEncryption(l.password()))) {
            List<StoredLogin> again = logins.stream()
                    .map(l -> new StoredLogin(l.registry(), l.username(), cipher.reEncrypt(l.password())))
                    .toList();
            n += (int) logins.stream()
                    .filter(l -> cipher.needsReEncryption(l.password()))
                    .count();
            a.setRegistryAuth(JSON.writeValueAsString(again));
        }
        return n;
    }

    private static String require(AppEntity a, String value, String what) {
        if (value == null) {
            throw new CredentialKeyException(
                    "app '" + a.getName() + "' has no stored " + what + "; set it again with PATCH");
        }
        return value;
    }
}
