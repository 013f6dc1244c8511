package io.conops.server.credentials;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * An encryption key that does not fit the stored credentials stops start-up with one line naming
 * CONOPS_ENCRYPTION_KEY, instead of a stack trace.
 */
public class CredentialKeyFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CredentialKeyException e) {
                return new FailureAnalysis(
                        e.getMessage(),
                        "Set " + EncryptionKeys.KEY + " (or " + EncryptionKeys.KEY_FILE
                                + ") to the key the credentials were stored with; to rotate, set the new key and "
                                + EncryptionKeys.PREVIOUS_KEY + " to the old one.",
                        null);
            }
        }
        return null;
    }
}
