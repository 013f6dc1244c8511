package io.conops.core.port;

/**
 * How a commit's signature checked out against an app's {@link TrustedSigners}.
 *
 * @param verdict whether the commit may be deployed, and if not, why not
 * @param signer  who signed it (the allowed-signers principal or the key's user id) when valid
 * @param detail  what the verifier said, for the user
 */
public record SignatureCheck(Verdict verdict, String signer, String detail) {

    public enum Verdict {
        /** Signed by an allowed key, and the signature verifies. */
        VALID,
        /** No signature at all. */
        UNSIGNED,
        /** A signature that does not verify, or by a key the app does not allow. */
        BAD
    }

    public static SignatureCheck valid(String signer, String detail) {
        return new SignatureCheck(Verdict.VALID, signer, detail);
    }

    public static SignatureCheck unsigned() {
        return new SignatureCheck(Verdict.UNSIGNED, null, "the commit is not signed");
    }

    public static SignatureCheck bad(String detail) {
        return new SignatureCheck(Verdict.BAD, null, detail);
    }
}
