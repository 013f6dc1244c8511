package io.conops.server.support;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;

/** SSH key pairs made in the test, written out the ways users paste them. */
public final class SshKeys {

    private SshKeys() {}

    public static KeyPair ed25519() {
        return generate("ssh-ed25519", 256);
    }

    public static KeyPair rsa() {
        return generate("ssh-rsa", 3072);
    }

    public static KeyPair ecdsa() {
        return generate("ecdsa-sha2-nistp256", 256);
    }

    private static KeyPair generate(String type, int bits) {
        try {
            return KeyUtils.generateKeyPair(type, bits);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ssh-keygen}'s default format. */
    public static String openSsh(KeyPair pair) {
        return openSsh(pair, null);
    }

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

    /** Traditional PEM ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}), as {@code ssh-keygen -m PEM} writes. */
    public static String pem(KeyPair pair, String passphrase) {
        try (StringWriter text = new StringWriter();
                JcaPEMWriter pem = new JcaPEMWriter(text)) {
            if (passphrase == null) {
                pem.writeObject(pair.getPrivate());
            } else {
                pem.writeObject(
                        pair.getPrivate(), new JcePEMEncryptorBuilder("AES-128-CBC").build(passphrase.toCharArray()));
            }
            pem.flush();
            return text.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(KeyPair pair) {
        return pem(pair, null);
    }

    /** The one-line public key, as in authorized_keys and known_hosts. */
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
