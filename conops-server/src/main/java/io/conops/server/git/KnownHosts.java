package io.conops.server.git;

import java.nio.file.Files;
import java.nio.file.Path;

/** Which known_hosts file ConOps trusts for SSH host keys. ConOps reads it and never writes it. */
public final class KnownHosts {

    static final String FILE_NAME = "known_hosts";

    private KnownHosts() {}

    /**
     * CONOPS_KNOWN_HOSTS_FILE when set; else {@code known_hosts} in the data directory when it
     * exists; else the user's {@code ~/.ssh/known_hosts}. The result may not exist: SSH then fails
     * with a message saying which file to add the host to.
     *
     * @param configured the configured file, or null
     * @param dataDir the data directory, or null
     */
    public static Path locate(Path configured, Path dataDir) {
        if (configured != null) {
            return configured.toAbsolutePath();
        }
        if (dataDir != null) {
            Path inData = dataDir.resolve(FILE_NAME);
            if (Files.isRegularFile(inData)) {
                return inData.toAbsolutePath();
            }
        }
        return userDefault();
    }

    static Path userDefault() {
        return Path.of(System.getProperty("user.home"), ".ssh", FILE_NAME).toAbsolutePath();
    }
}
