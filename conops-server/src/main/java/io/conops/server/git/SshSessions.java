package io.conops.server.git;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Builds the SSH session factory of one network command. Everything a desktop SSH client would
 * pick up from the user's environment is shut out, so that a server's behaviour depends only on
 * the app's settings: no ~/.ssh/config, no ~/.ssh/id_* keys, no agent, no password prompts.
 */
final class SshSessions {

    /** A config store with no entries: JGit then uses the URL's user, host and port as given. */
    private static final SshConfigStore NO_CONFIG = new SshConfigStore() {
        @Override
        public HostConfig lookup(String hostName, int port, String userName) {
            return EMPTY_CONFIG;
        }

        @Override
        public HostConfig lookupDefault(String hostName, int port, String userName) {
            return EMPTY_CONFIG;
        }
    };

    private SshSessions() {}

    /**
     * @param keys the deploy key, or none for a public repository
     * @param hostKeys the strict host key check of this command
     * @param home a directory standing in for the user's home; nothing is read from or written to it
     */
    static SshdSessionFactory create(List<KeyPair> keys, StrictHostKeys hostKeys, Path home) {
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.resolve(".ssh").toFile())
                .setConfigStoreFactory((homeDir, configFile, localUser) -> NO_CONFIG)
                .setDefaultKnownHostsFiles(sshDir -> List.of())
                .setDefaultIdentities(sshDir -> List.of())
                .setDefaultKeysProvider(sshDir -> keys)
                .setServerKeyDatabase((homeDir, sshDir) -> hostKeys)
                .setPreferredAuthentications("publickey")
                .build(null);
    }
}
