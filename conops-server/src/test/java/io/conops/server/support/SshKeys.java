package io.conops.server.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** SSH key pairs made in the test, as users paste them into the API. */
public final class SshKeys {
    private SshKeys() {}

    public static KeyPair ed25519() {
        return generate("ssh-ed25519", 256);
    }

    public static KeyPair rsa() {
        return generate("ssh-rsa", 3072);
    }

    private static KeyPair generate(String type, int bits) {
        try {
            return KeyUtils.generateKeyPair(type, bits);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ssh-keygen}'s default format, optionally protected by a passphrase. */
    public static String openSsh(KeyPair pair, String passphrase) {
        try {
            OpenSSHKeyEncryptionContext encryption = null;
            if (passphrase != null) {
                encryption = new OpenSSHKeyEncryptionContext();
                encryption.setCipherName("AES");
                encryption.setCipherMode("CTR");
                encryption.setCipherType("256");
                encryption.setPassword(passphrase);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "deploy@test", encryption, out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String openSsh(KeyPair pair) {
        return openSsh(pair, null);
    }

    /** The one-line public key, as in authorized_keys. */
    public static String publicLine(KeyPair pair) {
        return PublicKeyEntry.toString(pair.getPublic());
    }

    /** A JSON string literal of the text (keys have line breaks). */
    public static String json(String text) {
        return "\""
                + text.replace("\\", "\\\\")
                        .replace("\"", "\\\"")
                        .replace("\n", "\\n")
                        .replace("\r", "\\r") + "\"";
    }
}
