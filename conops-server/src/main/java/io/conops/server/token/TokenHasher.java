package io.conops.server.token;

import io.conops.server.system.DataDirectory;
import io.conops.server.system.InvalidSettingException;
import io.conops.server.system.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 of token values with a per-installation key ({@code <data dir>/token-key}, 0600).
 * Token values are 256 random bits, so a fast keyed hash is enough (no password hashing needed);
 * the key means a copy of the database alone cannot even confirm a guessed value. The key is its
 * own, not derived from the encryption key, so rotating that key leaves every token valid.
 */
@Component
class TokenHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    TokenHasher(DataDirectory dataDir) {
        this.key = new SecretKeySpec(loadOrCreate(dataDir.root().resolve("token-key")), ALGORITHM);
    }

    String hash(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide " + ALGORITHM, e);
        }
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] k = HexFormat.of().parseHex(Files.readString(file).trim());
                if (k.length < 32) {
                    throw new InvalidSettingException("CONOPS_DATA_DIR", file + " holds no usable token key");
                }
                return k;
            }
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            SecureFiles.writeAtomically(file, (HexFormat.of().formatHex(k) + "\n").getBytes(StandardCharsets.UTF_8));
            return k;
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingException("CONOPS_DATA_DIR", "cannot use " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "TokenHasher";
    }
}
