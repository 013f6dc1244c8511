package io.conops.server.sops;

import java.util.List;
import java.util.Map;

/**
 * Which SOPS files a commit's services use and how, in paths relative to the repository root, so
 * the apply can decrypt them from the stable worktree. Holds no plaintext: the digests are keyed
 * hashes, and the plan is kept on disk for heals after a restart.
 *
 * @param uses every bind mount, secret and config whose file is SOPS-encrypted
 * @param envFiles per service that reads a SOPS env file, its whole {@code env_file} list in order
 * @param digests per service that uses a SOPS file, a keyed hash of the plaintext it receives
 */
public record SopsPlan(List<Use> uses, Map<String, List<EnvFile>> envFiles, Map<String, String> digests) {

    public static final SopsPlan NONE = new SopsPlan(List.of(), Map.of(), Map.of());

    public enum Kind {
        BIND,
        SECRET,
        CONFIG
    }

    /**
     * @param target the mount's target path, or the top-level secret's or config's name
     */
    public record Use(String file, Kind kind, String service, String target, boolean readOnly) {}

    /**
     * @param path relative to the repository root when {@code inRepo}, else as Compose printed it
     * @param sops whether the apply must hand Compose the decrypted copy instead
     * @param manifest a homelab-gitops {@code manifest.sops.yml}: the variables are its
     *     {@code Container.Environment} entries, not its top-level keys (false in plans saved before)
     */
    public record EnvFile(String path, boolean inRepo, boolean required, boolean sops, boolean manifest) {
        public EnvFile(String path, boolean inRepo, boolean required, boolean sops) {
            this(path, inRepo, required, sops, false);
        }
    }

    public boolean isEmpty() {
        return uses.isEmpty() && envFiles.isEmpty();
    }
}
