package io.conops.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The providers' ways of proving that a delivery comes from whoever holds the secret. Every
 * comparison takes the same time however much of the value matches.
 */
final class Signatures {
    private static final String HUB_PREFIX = "sha256=";

    private Signatures() {}

    /** GitHub's {@code X-Hub-Signature-256} (and ConOps' own): {@code sha256=} and the hex HMAC-SHA256 of the body. */
    static boolean hub(String header, byte[] body, String secret) {
        if (header == null || !header.regionMatches(true, 0, HUB_PREFIX, 0, HUB_PREFIX.length())) {
            return false;
        }
        return hex(header.substring(HUB_PREFIX.length()), body, secret);
    }

    /** Gitea's {@code X-Gitea-Signature}: the hex HMAC-SHA256 of the body, without a prefix. */
    static boolean hex(String header, byte[] body, String secret) {
        if (header == null || secret == null) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.trim());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(secret, body), given);
    }

    /** GitLab's {@code X-Gitlab-Token}: the secret itself. Digests first, so not even its length shows. */
    static boolean token(String header, byte[] body, String secret) {
        if (header == null || secret == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(header), sha256(secret));
    }

    static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
