package io.conops.server.credentials;

import io.conops.server.system.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The current encryption key and, during a rotation, the previous one.
 *
 * <p>The current key comes from {@value #KEY}, else from the file named by {@value #KEY_FILE}
 * (default {@code <dataDir>/encryption.key}). Either holds exactly 32 bytes or the base64 of 32
 * bytes. Only the default file is generated when missing: a configured file that is absent usually
 * means a secret that was not mounted, and a key generated in its place would vanish with the
 * container, taking every credential encrypted under it along.
 */
public final class EncryptionKeys {
    public static final String KEY = "CONOPS_ENCRYPTION_KEY";
    public static final String KEY_FILE = "CONOPS_ENCRYPTION_KEY_FILE";
    public static final String PREVIOUS_KEY = "CONOPS_ENCRYPTION_KEY_PREVIOUS";
    public static final String DEFAULT_KEY_FILE_NAME = "encryption.key";

    private static final String EXPECTED =
            "must be 32 bytes or the base64 of 32 bytes (e.g. `openssl rand -base64 32`)";

    private final EncryptionKey current;
    private final EncryptionKey previous;

    private EncryptionKeys(EncryptionKey current, EncryptionKey previous) {
        this.current = current;
        // The same key given twice is no rotation; treating it as one would re-encrypt forever.
        this.previous = previous != null && previous.id().equals(current.id()) ? null : previous;
    }

    /**
     * Loads the keys, generating the default key file on first start.
     *
     * @param env looks up an environment variable, null when unset (e.g. {@code System::getenv})
     * @param dataDir ConOps' data directory, home of the default key file
     * @throws CredentialKeyException naming the variable or file when a key is unusable
     */
    public static EncryptionKeys load(Function<String, String> env, Path dataDir) {
        EncryptionKey current;
        String value = nonBlank(env.apply(KEY));
        if (value != null) {
            current = parse(value.getBytes(StandardCharsets.UTF_8), KEY);
        } else {
            String file = nonBlank(env.apply(KEY_FILE));
            current = file != null
                    ? readFile(Path.of(file), KEY_FILE + " (" + file + ")")
                    : readOrGenerate(dataDir.resolve(DEFAULT_KEY_FILE_NAME));
        }
        String previous = nonBlank(env.apply(PREVIOUS_KEY));
        return new EncryptionKeys(
                current, previous == null ? null : parse(previous.getBytes(StandardCharsets.UTF_8), PREVIOUS_KEY));
    }

    public EncryptionKey current() {
        return current;
    }

    /** The key being rotated away from, if {@value #PREVIOUS_KEY} is set to a different key. */
    public Optional<EncryptionKey> previous() {
        return Optional.ofNullable(previous);
    }

    @Override
    public String toString() {
        return "EncryptionKeys[current=" + current + ", previous=" + previous + "]";
    }

    private static EncryptionKey readOrGenerate(Path file) {
        String source = KEY_FILE + " (" + file + ")";
        if (Files.exists(file)) {
            return readFile(file, source);
        }
        byte[] key = new byte[EncryptionKey.LENGTH];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String encoded = Base64.getEncoder().encodeToString(key) + "\n";
            SecureFiles.writeAtomically(file, encoded.getBytes(StandardCharsets.US_ASCII));
            return new EncryptionKey(key, source);
        } catch (IOException e) {
            throw new CredentialKeyException(source + ": cannot create the key file: " + e, e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static EncryptionKey readFile(Path file, String source) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CredentialKeyException(source + ": the key file does not exist");
        } catch (IOException e) {
            throw new CredentialKeyException(source + ": cannot read the key file: " + e, e);
        }
        try {
            return parse(content, source);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** 32 bytes are the key itself; anything else must be base64 of 32 bytes (surrounding blanks allowed). */
    private static EncryptionKey parse(byte[] value, String source) {
        if (value.length == EncryptionKey.LENGTH) {
            return new EncryptionKey(value, source);
        }
        String text = new String(value, StandardCharsets.US_ASCII).strip();
        if (text.isEmpty()) {
            throw new CredentialKeyException(source + " " + EXPECTED + ", but it is empty");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new CredentialKeyException(
                    source + " " + EXPECTED + ", but it is " + value.length + " bytes long and not base64");
        }
        try {
            if (decoded.length != EncryptionKey.LENGTH) {
                throw new CredentialKeyException(source + " " + EXPECTED + ", but it is " + value.length
                        + " bytes long and its base64 decodes to " + decoded.length + " bytes");
            }
            return new EncryptionKey(decoded, source);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    private static String nonBlank(String value) {
        // An empty variable is what `KEY: ${KEY:-}` in a compose file passes for "not set".
        return value == null || value.isBlank() ? null : value;
    }
}
