package io.conops.server.sops;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One {@code ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]} value of a SOPS file: AES-256-GCM under the
 * file's data key, with the additional data the format prescribes (the value's path, or the
 * {@code lastmodified} date for the MAC). sops uses a 32-byte IV and a 16-byte tag.
 */
record EncryptedValue(byte[] data, byte[] iv, byte[] tag, String type) {
    private static final Pattern FORMAT =
            Pattern.compile("^ENC\\[AES256_GCM,data:(.*),iv:(.+),tag:(.+),type:(.+)\\]$", Pattern.DOTALL);

    static boolean looksEncrypted(Object value) {
        return value instanceof String s && s.startsWith("ENC[");
    }

    /** @throws IllegalArgumentException when the text is not an encrypted value */
    static EncryptedValue parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not in sops' ENC[AES256_GCM,...] format");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new EncryptedValue(b64.decode(m.group(1)), b64.decode(m.group(2)), b64.decode(m.group(3)), m.group(4));
    }

    /** The plaintext bytes; a wrong key, IV, tag or additional data fails the GCM check. */
    byte[] decrypt(byte[] dataKey, String additionalData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(tag.length * 8, iv));
        cipher.updateAAD(additionalData.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = new byte[data.length + tag.length];
        System.arraycopy(data, 0, sealed, 0, data.length);
        System.arraycopy(tag, 0, sealed, data.length, tag.length);
        return cipher.doFinal(sealed);
    }

    /** The plaintext as the type it was encrypted from: String, Long, Double or Boolean. */
    Object decryptTyped(byte[] dataKey, String additionalData) throws GeneralSecurityException {
        String text = new String(decrypt(dataKey, additionalData), StandardCharsets.UTF_8);
        return switch (type) {
            case "int" -> Long.valueOf(text);
            case "float" -> Double.valueOf(text);
            case "bool" -> Boolean.valueOf(text);
            default -> text; // str, bytes, comment
        };
    }

    @Override
    public String toString() {
        return "EncryptedValue[type=" + type + "]";
    }
}
