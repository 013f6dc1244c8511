package io.conops.server.sync;

import io.conops.core.ConopsException;

/** A sync that cannot go on; the message is what the user reads in {@code last_error}. */
class SyncFailure extends ConopsException {
    SyncFailure(String message) {
        super(message);
    }

    SyncFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
