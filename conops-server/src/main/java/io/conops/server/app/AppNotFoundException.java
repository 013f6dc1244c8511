package io.conops.server.app;

import io.conops.core.ConopsException;

class AppNotFoundException extends ConopsException {
    AppNotFoundException(String idOrName) {
        super("no app with id or name '" + (idOrName.length() > 80 ? idOrName.substring(0, 80) + "…" : idOrName) + "'");
    }
}
