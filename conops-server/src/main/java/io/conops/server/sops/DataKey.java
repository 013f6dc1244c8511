package io.conops.server.sops;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.framework.armor.ArmoredDecryptingChannelFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data key of a SOPS file, from its age key group: each {@code age} entry holds the 32-byte key
 * as an armored age file for one recipient. Only age is taken; a file whose key groups name other
 * kinds (PGP, cloud KMS, Vault) only, or that splits its key with Shamir, is refused.
 */
final class DataKey {
    private static final List<String> OTHER_KINDS = List.of("pgp", "kms", "gcp_kms", "azure_kv", "hc_vault");

    private DataKey() {}

    /** @throws SopsException naming {@code file} when no identity opens any age entry */
    static byte[] unwrap(String file, Map<String, Object> metadata, AgeIdentities identities) {
        List<Map<String, Object>> entries = ageEntries(file, metadata);
        if (identities.isEmpty()) {
            throw new SopsException(file + ": no age identity is configured (CONOPS_AGE_KEY, CONOPS_AGE_KEY_FILE or"
                    + " the app's age_key); the file is encrypted for " + recipients(entries));
        }
        List<RecipientStanzaReader> readers = identities.readers();
        for (Map<String, Object> entry : entries) {
            if (entry.get("enc") instanceof String enc) {
                try {
                    byte[] key = open(enc, readers);
                    if (key.length == 32) {
                        return key;
                    }
                } catch (GeneralSecurityException | IOException e) {
                    // not for one of our identities: try the next recipient
                }
            }
        }
        throw new SopsException(
                file + ": none of the age identities ConOps holds matches its recipients " + recipients(entries));
    }

    private static byte[] open(String armored, List<RecipientStanzaReader> readers)
            throws GeneralSecurityException, IOException {
        ReadableByteChannel in =
                Channels.newChannel(new ByteArrayInputStream(armored.getBytes(StandardCharsets.UTF_8)));
        try (ReadableByteChannel plain = new ArmoredDecryptingChannelFactory().newDecryptingChannel(in, readers)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(32);
            ByteBuffer buffer = ByteBuffer.allocate(256);
            while (plain.read(buffer) >= 0) {
                buffer.flip();
                out.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
            }
            return out.toByteArray();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> ageEntries(String file, Map<String, Object> metadata) {
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Map<String, Object>> groups = new ArrayList<>();
        if (metadata.get("key_groups") instanceof List<?> kg) {
            kg.forEach(g -> groups.add(SopsDocument.map(g)));
            if (groups.size() > 1) {
                throw new SopsException(file + ": its data key is split over " + groups.size()
                        + " key groups (Shamir); ConOps decrypts files with one age key group only");
            }
        }
        groups.add(metadata);
        for (Map<String, Object> group : groups) {
            if (group != null && group.get("age") instanceof List<?> age) {
                age.forEach(e -> {
                    if (SopsDocument.map(e) != null) {
                        entries.add((Map<String, Object>) e);
                    }
                });
            }
        }
        if (entries.isEmpty()) {
            List<String> others = new ArrayList<>();
            for (Map<String, Object> group : groups) {
                OTHER_KINDS.stream()
                        .filter(k -> group != null && group.get(k) instanceof List<?> l && !l.isEmpty())
                        .forEach(others::add);
            }
            throw new SopsException(file + ": it has no age key group"
                    + (others.isEmpty() ? "" : " (only " + String.join(", ", others) + ")")
                    + "; ConOps decrypts SOPS files for age recipients only");
        }
        return entries;
    }

    private static List<String> recipients(List<Map<String, Object>> entries) {
        return entries.stream().map(e -> String.valueOf(e.get("recipient"))).toList();
    }
}
