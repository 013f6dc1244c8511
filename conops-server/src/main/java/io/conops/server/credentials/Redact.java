package io.conops.server.credentials;

/** What a secret looks like in logs, messages and toString: present or absent, never its value. */
public final class Redact {
    public static final String MASK = "***";

    private Redact() {}

    /** {@value #MASK} for any value, null for null: whether a secret is set is not itself secret. */
    public static String secret(String value) {
        return value == null ? null : MASK;
    }
}
