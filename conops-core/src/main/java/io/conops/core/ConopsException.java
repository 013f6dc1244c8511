package io.conops.core;

/** Root of every failure ConOps raises itself; adapters translate library exceptions into it. */
public class ConopsException extends RuntimeException {
    public ConopsException(String message) {
        super(message);
    }

    public ConopsException(String message, Throwable cause) {
        super(message, cause);
    }
}
