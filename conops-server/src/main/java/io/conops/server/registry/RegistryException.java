package io.conops.server.registry;

import io.conops.core.ConopsException;

/** A registry could not say what a tag points at. Messages never carry credentials. */
public class RegistryException extends ConopsException {
    public RegistryException(String message) {
        super(message);
    }
}
