package io.conops.server.git;

import io.conops.core.port.SignatureCheck;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.bc.BcPGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/** Verifies a detached OpenPGP signature against an app's armored public keys, with Bouncy Castle. */
final class OpenPgpSignatures {
    private static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    private OpenPgpSignatures() {}

    static SignatureCheck verify(byte[] signed, byte[] armoredSignature, String armoredKeys) {
        PGPSignature signature;
        try {
            signature = parseSignature(armoredSignature);
        } catch (IOException | RuntimeException e) {
            return SignatureCheck.bad("the OpenPGP signature cannot be read: " + e.getMessage());
        }
        if (signature == null) {
            return SignatureCheck.bad("the OpenPGP signature holds no signature packet");
        }
        String keyId = String.format(Locale.ROOT, "%016X", signature.getKeyID());
        try {
            PGPPublicKey key = find(rings(armoredKeys), signature.getKeyID());
            if (key == null) {
                return SignatureCheck.bad("signed by OpenPGP key " + keyId + ", which is not in gpg_public_keys");
            }
            if (key.hasRevocation()) {
                return SignatureCheck.bad("signed by OpenPGP key " + keyId + ", which is revoked");
            }
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(signed);
            if (!signature.verify()) {
                return SignatureCheck.bad("the OpenPGP signature by key " + keyId + " does not match the commit");
            }
            long valid = key.getValidSeconds();
            if (valid > 0
                    && signature.getCreationTime().getTime()
                            > key.getCreationTime().getTime() + valid * 1000) {
                return SignatureCheck.bad("signed by OpenPGP key " + keyId + " after it expired");
            }
            String user = firstUserId(key, keyId);
            return SignatureCheck.valid(user, "good OpenPGP signature by " + user + " (key " + keyId + ")");
        } catch (IOException | PGPException e) {
            return SignatureCheck.bad(
                    "the OpenPGP signature by key " + keyId + " cannot be checked: " + e.getMessage());
        }
    }

    /** Checks that the text is one or more armored public keys; the message names what is wrong. */
    static void checkKeys(String armoredKeys) throws IOException, PGPException {
        if (rings(armoredKeys).isEmpty()) {
            throw new IOException("no public key block found");
        }
    }

    private static PGPSignature parseSignature(byte[] armored) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            Object o = new BcPGPObjectFactory(in).nextObject();
            return o instanceof PGPSignatureList list && !list.isEmpty() ? list.get(0) : null;
        }
    }

    /** Each armored block on its own: an armored stream ends at the first block's end. */
    private static List<PGPPublicKeyRing> rings(String armoredKeys) throws IOException, PGPException {
        List<PGPPublicKeyRing> out = new ArrayList<>();
        int at = armoredKeys.indexOf(BEGIN);
        while (at >= 0) {
            int next = armoredKeys.indexOf(BEGIN, at + BEGIN.length());
            String block = next < 0 ? armoredKeys.substring(at) : armoredKeys.substring(at, next);
            try (InputStream in =
                    PGPUtil.getDecoderStream(new ByteArrayInputStream(block.getBytes(StandardCharsets.UTF_8)))) {
                new BcPGPPublicKeyRingCollection(in).forEach(out::add);
            }
            at = next;
        }
        return out;
    }

    private static PGPPublicKey find(List<PGPPublicKeyRing> rings, long keyId) {
        for (PGPPublicKeyRing ring : rings) {
            PGPPublicKey key = ring.getPublicKey(keyId);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    private static String firstUserId(PGPPublicKey key, String fallback) {
        Iterator<String> ids = key.getUserIDs();
        return ids.hasNext() ? ids.next() : fallback;
    }
}
