package io.conops.server.git;

import io.conops.core.port.SignatureCheck;
import io.conops.core.port.TrustedSigners;
import io.conops.server.system.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.signing.ssh.SshSignatureVerifierFactory;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Checks a commit's signature against the keys an app trusts. SSH signatures go through JGit's own
 * verifier (the one {@code git verify-commit} with {@code gpg.format=ssh} corresponds to), given the
 * app's allowed-signers lines as the file it reads. OpenPGP signatures go to {@link OpenPgpSignatures}:
 * JGit's Bouncy Castle verifier only looks keys up in the user's GnuPG keyring, and ConOps trusts
 * keys per app.
 */
final class CommitSignatures {
    private final Path signersDir;
    private final SignatureVerifier ssh;

    /** @param signersDir where the allowed-signers files live, one per distinct content */
    CommitSignatures(Path signersDir) {
        this.signersDir = signersDir;
        SignatureVerifier registered = SignatureVerifiers.get(GpgConfig.GpgFormat.SSH);
        this.ssh = registered != null ? registered : new SshSignatureVerifierFactory().create();
    }

    SignatureCheck verify(Repository repo, RevCommit commit, TrustedSigners trusted) throws IOException {
        byte[] signature = commit.getRawGpgSignature();
        if (signature == null) {
            return SignatureCheck.unsigned();
        }
        byte[] signed = withoutSignature(commit.getRawBuffer());
        return switch (SignatureVerifiers.getFormat(signature)) {
            case SSH -> ssh(repo, signed, signature, trusted);
            case OPENPGP ->
                trusted.hasGpg()
                        ? OpenPgpSignatures.verify(signed, signature, trusted.gpgPublicKeys())
                        : SignatureCheck.bad("signed with an OpenPGP key, but the app has no gpg_public_keys");
            case X509 -> SignatureCheck.bad("signed with an X.509 certificate, which ConOps does not verify");
        };
    }

    private SignatureCheck ssh(Repository repo, byte[] signed, byte[] signature, TrustedSigners trusted)
            throws IOException {
        if (!trusted.hasSsh()) {
            return SignatureCheck.bad("signed with an SSH key, but the app has no allowed_signers");
        }
        Config config = new Config();
        config.setString(
                "gpg",
                "ssh",
                "allowedSignersFile",
                signersFile(trusted.allowedSigners()).toString());
        SignatureVerifier.SignatureVerification v = ssh.verify(repo, new GpgConfig(config), signed, signature);
        String key = v.keyFingerprint() == null ? "" : " (key " + v.keyFingerprint() + ")";
        return v.verified()
                ? SignatureCheck.valid(v.keyUser(), "good SSH signature by " + v.keyUser() + key)
                : SignatureCheck.bad("SSH signature not accepted" + key + ": " + v.message());
    }

    /**
     * JGit caches a parsed allowed-signers file by path and reloads it by modification time; a name
     * made from the content means a changed list is never read from a stale cache.
     */
    private Path signersFile(String lines) throws IOException {
        byte[] content = (lines + "\n").getBytes(StandardCharsets.UTF_8);
        Path file = signersDir.resolve(sha256(content) + ".allowed_signers");
        if (!Files.exists(file)) {
            SecureFiles.createPrivateDirectories(signersDir);
            SecureFiles.writeAtomically(file, content);
        }
        return file;
    }

    /** The commit as it was signed: its raw bytes without the {@code gpgsig} header (as JGit cuts it). */
    static byte[] withoutSignature(byte[] raw) {
        byte[] header = {'g', 'p', 'g', 's', 'i', 'g'};
        int start = RawParseUtils.headerStart(header, raw, 0);
        if (start < 0) {
            return raw;
        }
        int end = RawParseUtils.nextLfSkippingSplitLines(raw, start);
        start -= header.length + 1;
        if (end < raw.length) {
            end++;
        }
        byte[] data = new byte[raw.length - (end - start)];
        System.arraycopy(raw, 0, data, 0, start);
        System.arraycopy(raw, end, data, start, raw.length - end);
        return data;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
