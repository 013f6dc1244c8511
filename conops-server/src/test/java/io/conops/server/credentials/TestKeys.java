package io.conops.server.credentials;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Keys and environments for tests, so no test depends on the real environment. */
final class TestKeys {
    static final String KEY_A = base64Key(1);
    static final String KEY_B = base64Key(2);

    private TestKeys() {}

    static String base64Key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i * 7);
        }
        return Base64.getEncoder().encodeToString(key);
    }

    static EncryptionKeys keys(Path dataDir, String... nameValuePairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            env.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return EncryptionKeys.load(env::get, dataDir);
    }
}
