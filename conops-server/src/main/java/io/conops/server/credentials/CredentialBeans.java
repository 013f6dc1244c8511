package io.conops.server.credentials;

import io.conops.server.system.DataDirectory;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The encryption key, the cipher and the registry logins every app may use. */
@Configuration(proxyBeanMethods = false)
class CredentialBeans {

    /**
     * Keys from CONOPS_ENCRYPTION_KEY, CONOPS_ENCRYPTION_KEY_FILE and CONOPS_ENCRYPTION_KEY_PREVIOUS,
     * looked up through Spring's environment so that {@code --conops.encryption-key=…} works too.
     */
    @Bean
    EncryptionKeys encryptionKeys(Environment env, DataDirectory dataDir) {
        return EncryptionKeys.load(variable -> setting(env, variable), dataDir.root());
    }

    @Bean
    SecretCipher secretCipher(EncryptionKeys keys) {
        return new SecretCipher(keys);
    }

    @Bean
    KeyedHash keyedHash(EncryptionKeys keys) {
        return new KeyedHash(keys);
    }

    @Bean
    PrivateDockerConfig privateDockerConfig() {
        return new PrivateDockerConfig();
    }

    @Bean
    GlobalRegistryAuth globalRegistryAuth(Environment env) {
        return GlobalRegistryAuth.load(setting(env, GlobalRegistryAuth.VARIABLE));
    }

    /** CONOPS_FOO_BAR as the environment variable or as the property conops.foo-bar. */
    static String setting(Environment env, String variable) {
        String property =
                variable.toLowerCase(Locale.ROOT).replaceFirst("_", ".").replace('_', '-');
        String value = env.getProperty(property);
        return value != null ? value : env.getProperty(variable);
    }
}
