package io.conops.server.credentials;

import io.conops.core.ConopsException;

/**
 * The encryption key is missing, malformed, or does not match stored credentials. Messages name the
 * variable or file to fix and never contain key material or plaintext.
 */
public class CredentialKeyException extends ConopsException {
    public CredentialKeyException(String message) {
        super(message);
    }

    public CredentialKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
