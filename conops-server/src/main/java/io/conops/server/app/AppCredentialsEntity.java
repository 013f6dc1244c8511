package io.conops.server.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/** An app's secrets, in a table of their own: ciphertexts only (see {@link StoredCredentials}). */
@Entity
@Table(name = "app_credentials")
@DynamicUpdate
@EntityListeners(AppWriteListener.class)
class AppCredentialsEntity {
    @Id
    @Column(name = "app_id")
    private UUID appId;

    @MapsId
    @OneToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "app_id")
    private AppEntity app;

    /** Ciphertext (SecretCipher) of the SSH deploy key; never plaintext. */
    @Column(name = "deploy_key_enc", length = 20000)
    private String deployKeyEnc;

    /** Ciphertext of the HTTPS token or password. */
    @Column(name = "repo_token_enc", length = 8000)
    private String repoTokenEnc;

    @Column(name = "repo_username")
    private String repoUsername;

    /** JSON list of registry logins whose passwords are ciphertexts (see StoredCredentials). */
    @Column(name = "registry_auth", length = 100000)
    private String registryAuth;

    /** Ciphertext of the secret that signs (or, for GitLab, is) this app's webhook deliveries. */
    @Column(name = "webhook_secret_enc", length = 8000)
    private String webhookSecretEnc;

    /** Ciphertext of the JSON map of service_envs (name to value). */
    @Column(name = "service_envs_enc", length = 1000000)
    private String serviceEnvsEnc;

    /** The names of service_envs, comma-separated: not secret, shown by the API without decrypting. */
    @Column(name = "service_env_keys", length = 20000)
    private String serviceEnvKeys;

    /** Ciphertext of the app's own age identities for its SOPS files. */
    @Column(name = "age_key_enc", length = 20000)
    private String ageKeyEnc;

    /** Ciphertext of the SSH private key for the app's ssh:// engine. */
    @Column(name = "docker_ssh_key_enc", length = 32000)
    private String dockerSshKeyEnc;

    /** Ciphertext of the JSON list of the app's notification URLs (each is a secret). */
    @Column(name = "notify_urls_enc", length = 100000)
    private String notifyUrlsEnc;

    /** Ciphertext of the JSON {ca, cert, key} (PEM) for the app's tcp:// engine. */
    @Column(name = "docker_tls_enc", length = 100000)
    private String dockerTlsEnc;

    protected AppCredentialsEntity() {}

    AppCredentialsEntity(AppEntity app) {
        this.app = app;
        this.appId = app.getId();
    }

    String getDeployKeyEnc() {
        return deployKeyEnc;
    }

    void setDeployKeyEnc(String c) {
        this.deployKeyEnc = c;
    }

    String getRepoTokenEnc() {
        return repoTokenEnc;
    }

    void setRepoTokenEnc(String c) {
        this.repoTokenEnc = c;
    }

    String getRepoUsername() {
        return repoUsername;
    }

    void setRepoUsername(String u) {
        this.repoUsername = u;
    }

    String getRegistryAuth() {
        return registryAuth;
    }

    void setRegistryAuth(String json) {
        this.registryAuth = json;
    }

    String getWebhookSecretEnc() {
        return webhookSecretEnc;
    }

    void setWebhookSecretEnc(String c) {
        this.webhookSecretEnc = c;
    }

    String getNotifyUrlsEnc() {
        return notifyUrlsEnc;
    }

    void setNotifyUrlsEnc(String c) {
        this.notifyUrlsEnc = c;
    }

    String getServiceEnvsEnc() {
        return serviceEnvsEnc;
    }

    void setServiceEnvsEnc(String c) {
        this.serviceEnvsEnc = c;
    }

    String getServiceEnvKeys() {
        return serviceEnvKeys;
    }

    void setServiceEnvKeys(String keys) {
        this.serviceEnvKeys = keys;
    }

    String getAgeKeyEnc() {
        return ageKeyEnc;
    }

    void setAgeKeyEnc(String c) {
        this.ageKeyEnc = c;
    }

    String getDockerSshKeyEnc() {
        return dockerSshKeyEnc;
    }

    void setDockerSshKeyEnc(String c) {
        this.dockerSshKeyEnc = c;
    }

    String getDockerTlsEnc() {
        return dockerTlsEnc;
    }

    void setDockerTlsEnc(String c) {
        this.dockerTlsEnc = c;
    }
}
