package io.conops.server.sops;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decrypts a {@link SopsDocument} as sops' {@code Tree.Decrypt} does: walks the tree in document
 * order, decrypts each value the suffix and regex rules mark as encrypted with the additional data
 * {@code key:key:…:} (list positions do not count), feeds every plaintext value into a SHA-512
 * and compares it with the file's MAC, itself encrypted with the {@code lastmodified} date as
 * additional data. A value that does not open, or a MAC that differs, fails the whole file.
 */
public final class SopsDecoder {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final String file;
    private final Map<String, Object> metadata;
    private final byte[] dataKey;
    private final MessageDigest mac;
    private final boolean macOnlyEncrypted;

    private SopsDecoder(String file, Map<String, Object> metadata, byte[] dataKey) {
        this.file = file;
        this.metadata = metadata;
        this.dataKey = dataKey;
        this.macOnlyEncrypted = Boolean.TRUE.equals(metadata.get("mac_only_encrypted"))
                || "true".equals(metadata.get("mac_only_encrypted"));
        try {
            this.mac = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-512", e);
        }
    }

    /**
     * @param file the file's name as the user knows it (a path in the repository), for messages
     * @return the plaintext tree, in the document's order and shape
     * @throws SopsException naming {@code file}: no matching identity, a value that does not open, a MAC mismatch
     */
    public static Map<String, Object> decrypt(String file, SopsDocument doc, AgeIdentities identities) {
        byte[] key = DataKey.unwrap(file, doc.metadata(), identities);
        SopsDecoder decoder = new SopsDecoder(file, doc.metadata(), key);
        Map<String, Object> plain = decoder.branch(doc.tree(), List.of());
        decoder.verifyMac();
        return plain;
    }

    private Map<String, Object> branch(Map<String, Object> in, List<String> path) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((key, value) -> {
            List<String> here = new ArrayList<>(path);
            here.add(key);
            out.put(key, node(value, here));
        });
        return out;
    }

    private Object node(Object value, List<String> path) {
        Map<String, Object> m = SopsDocument.map(value);
        if (m != null) {
            return branch(m, path);
        }
        if (value instanceof List<?> list) {
            // sops walks list items with their parent's path
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(node(item, path)));
            return out;
        }
        return leaf(value, path);
    }

    private Object leaf(Object value, List<String> path) {
        boolean encrypted = encrypted(path);
        Object plain = value;
        if (encrypted && value instanceof String s && !s.isEmpty()) {
            try {
                plain = EncryptedValue.parse(s).decryptTyped(dataKey, String.join(":", path) + ":");
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                throw new SopsException(file + ": the value of " + String.join(".", path)
                        + " does not decrypt with the file's data key (tampered, or not a SOPS value)");
            }
        }
        if (!macOnlyEncrypted || encrypted) {
            mac.update(macBytes(plain));
        }
        return plain;
    }

    /** sops' encryption rules: the suffixes and regexes apply to any key on the path. */
    private boolean encrypted(List<String> path) {
        String unencryptedSuffix = text("unencrypted_suffix");
        String encryptedSuffix = text("encrypted_suffix");
        String unencryptedRegex = text("unencrypted_regex");
        String encryptedRegex = text("encrypted_regex");
        if (unencryptedSuffix != null) {
            return path.stream().noneMatch(k -> k.endsWith(unencryptedSuffix));
        }
        if (encryptedSuffix != null) {
            return path.stream().anyMatch(k -> k.endsWith(encryptedSuffix));
        }
        if (unencryptedRegex != null) {
            Pattern p = Pattern.compile(unencryptedRegex);
            return path.stream().noneMatch(k -> p.matcher(k).find());
        }
        if (encryptedRegex != null) {
            Pattern p = Pattern.compile(encryptedRegex);
            return path.stream().anyMatch(k -> p.matcher(k).find());
        }
        return true;
    }

    private String text(String key) {
        return metadata.get(key) instanceof String s && !s.isEmpty() ? s : null;
    }

    /** sops' {@code ToBytes}: booleans as Go's {@code True}/{@code False}, floats in shortest plain form. */
    static byte[] macBytes(Object value) {
        String text;
        if (value instanceof Boolean b) {
            text = b ? "True" : "False";
        } else if (value instanceof Double d) {
            text = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        } else {
            text = value == null ? "" : String.valueOf(value);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void verifyMac() {
        String expected = HexFormat.of().withUpperCase().formatHex(mac.digest());
        Object lm = metadata.get("lastmodified");
        if (!(metadata.get("mac") instanceof String stored) || lm == null) {
            throw new SopsException(file + ": its sops metadata has no mac or lastmodified");
        }
        String actual;
        try {
            actual =
                    new String(EncryptedValue.parse(stored).decrypt(dataKey, lastModified(lm)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SopsException(file + ": its MAC does not decrypt (tampered metadata)");
        }
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8))) {
            throw new SopsException(file + ": MAC mismatch, the file was changed after it was encrypted");
        }
    }

    /** As sops formats it back: Go's RFC 3339, whole seconds, {@code Z} for UTC. */
    static String lastModified(Object value) {
        String text = value instanceof java.util.Date d ? d.toInstant().toString() : String.valueOf(value);
        try {
            OffsetDateTime t = OffsetDateTime.parse(text).truncatedTo(ChronoUnit.SECONDS);
            return t.format(RFC3339);
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
