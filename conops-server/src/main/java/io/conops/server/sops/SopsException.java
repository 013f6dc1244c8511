package io.conops.server.sops;

/** A SOPS file that cannot be decrypted; the message names the file and never a value. */
public class SopsException extends RuntimeException {
    public SopsException(String message) {
        super(message);
    }

    public SopsException(String message, Throwable cause) {
        super(message, cause);
    }
}
