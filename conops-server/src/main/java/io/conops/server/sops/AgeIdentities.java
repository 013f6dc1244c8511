package io.conops.server.sops;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * age X25519 identities ({@code AGE-SECRET-KEY-1…}), as an identity file holds them: one a line,
 * {@code #} comments and blank lines ignored. Never printed.
 */
public final class AgeIdentities {
    private static final String PREFIX = "AGE-SECRET-KEY-1";

    private final List<String> keys;

    private AgeIdentities(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    public static AgeIdentities none() {
        return new AgeIdentities(List.of());
    }

    /**
     * @param source what the text came from, for the message (never the text itself)
     * @throws IllegalArgumentException naming {@code source} when a line is not an age identity
     */
    public static AgeIdentities parse(String source, String text) {
        List<String> keys = new ArrayList<>();
        if (text != null) {
            for (String raw : text.split("\r?\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (!line.toUpperCase(Locale.ROOT).startsWith(PREFIX)) {
                    throw new IllegalArgumentException(
                            source + " must hold age identities (AGE-SECRET-KEY-1...), one a line");
                }
                try {
                    X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(line);
                } catch (GeneralSecurityException | RuntimeException e) {
                    throw new IllegalArgumentException(source + " holds a malformed age identity");
                }
                keys.add(line);
            }
        }
        return new AgeIdentities(keys);
    }

    /** These identities followed by {@code more}'s. */
    public AgeIdentities and(AgeIdentities more) {
        List<String> all = new ArrayList<>(keys);
        all.addAll(more.keys);
        return new AgeIdentities(all);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    List<RecipientStanzaReader> readers() {
        List<RecipientStanzaReader> readers = new ArrayList<>();
        for (String key : keys) {
            try {
                readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(key));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("an age identity checked when it was read no longer parses", e);
            }
        }
        return readers;
    }

    @Override
    public String toString() {
        return "AgeIdentities[" + keys.size() + "]";
    }
}
