package io.conops.server.app;

import io.conops.core.ConopsException;

/** compose down failed: the app is kept so the user can see why and try again. */
class DeleteFailedException extends ConopsException {
    DeleteFailedException(String message) {
        super(message);
    }
}
