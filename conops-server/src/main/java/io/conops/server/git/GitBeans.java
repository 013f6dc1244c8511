package io.conops.server.git;

import io.conops.server.credentials.EncryptionKeys;
import io.conops.server.credentials.KeyedHash;
import io.conops.server.system.ConopsProperties;
import io.conops.server.system.DataDirectory;
import io.conops.server.system.SandboxProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The JGit adapter, with the settings applied to every network command. */
@Configuration(proxyBeanMethods = false)
class GitBeans {

    @Bean
    JGitAdapter gitAdapter(
            ConopsProperties props, SandboxProperties sandbox, DataDirectory dataDir, EncryptionKeys keys) {
        KeyedHash storeKeys = new KeyedHash(keys, "conops object store names v1");
        return new JGitAdapter(
                        dataDir.repos(),
                        props.gitTimeout(),
                        KnownHosts.locate(props.knownHostsFile(), dataDir.root()),
                        storeKeys::of)
                .withMaxRepoSize(sandbox.maxRepoSize().toBytes());
    }
}
