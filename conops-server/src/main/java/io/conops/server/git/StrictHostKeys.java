package io.conops.server.git;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Strict host key checking against one known_hosts file, read-only. JGit's own database would
 * also read ~/.ssh and the global file and may offer to add keys; ConOps must trust exactly the
 * file it was given and must not modify it. A rejection is remembered so the failure can name
 * the host and say how to trust it, which JGit's generic "server key did not validate" does not.
 *
 * <p>One instance per network command: the remembered rejection belongs to that command.
 */
final class StrictHostKeys implements ServerKeyDatabase {

    /** Why a server's key was refused. */
    record Rejection(SshHost host, boolean changed, String offeredKey, Path knownHosts, String fileProblem) {

        String message() {
            String offered = " (the server offered " + offeredKey + ")";
            if (!changed) {
                return "SSH host " + host.pattern() + " is not in " + knownHosts + fileProblem + offered
                        + "; to trust it, check the key and add it to " + knownHosts + ": "
                        + host.keyscan(knownHosts);
            }
            return "SSH host key of " + host.pattern() + " does not match " + knownHosts + offered
                    + "; the server may be impersonated. If the change is expected, replace its line: "
                    + "ssh-keygen -R '" + host.pattern() + "' -f " + knownHosts + " && " + host.keyscan(knownHosts);
        }
    }

    private final Path knownHosts;
    private volatile Rejection rejection;
    private volatile String fileProblem = "";

    StrictHostKeys(Path knownHosts) {
        this.knownHosts = knownHosts;
    }

    Rejection rejection() {
        return rejection;
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return trustedKeys(SshHost.parse(connectAddress), false);
    }

    @Override
    public boolean accept(
            String connectAddress,
            InetSocketAddress remoteAddress,
            PublicKey serverKey,
            Configuration config,
            CredentialsProvider provider) {
        SshHost host = SshHost.parse(connectAddress);
        List<PublicKey> revoked = trustedKeys(host, true);
        List<PublicKey> trusted = trustedKeys(host, false);
        boolean isRevoked = revoked.stream().anyMatch(k -> KeyUtils.compareKeys(k, serverKey));
        if (!isRevoked && trusted.stream().anyMatch(k -> KeyUtils.compareKeys(k, serverKey))) {
            return true;
        }
        String offered = KeyUtils.getKeyType(serverKey) + " key " + KeyUtils.getFingerPrint(serverKey);
        rejection = new Rejection(host, !trusted.isEmpty() || isRevoked, offered, knownHosts, fileProblem);
        return false;
    }

    /** Keys listed for the host: plain lines, or only {@code @revoked} ones. Certificate authorities are not supported. */
    private List<PublicKey> trustedKeys(SshHost host, boolean revokedOnly) {
        List<PublicKey> keys = new ArrayList<>();
        for (KnownHostEntry entry : entries()) {
            String marker = entry.getMarker();
            boolean wanted = revokedOnly ? "revoked".equals(marker) : marker == null || marker.isEmpty();
            if (wanted && entry.isHostMatch(host.host(), host.port())) {
                try {
                    PublicKey key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                    if (key != null) {
                        keys.add(key);
                    }
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    // an unreadable line trusts nothing; the other lines still count
                }
            }
        }
        return keys;
    }

    /** An unreadable file trusts nothing; the rejection message then says why. */
    private List<KnownHostEntry> entries() {
        if (!Files.isRegularFile(knownHosts)) {
            fileProblem = " (the file does not exist)";
            return List.of();
        }
        try {
            return KnownHostEntry.readKnownHostEntries(knownHosts);
        } catch (IOException | RuntimeException e) {
            fileProblem = " (it cannot be read: " + e.getMessage() + ")";
            return List.of();
        }
    }
}
