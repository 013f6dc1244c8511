package io.conops.server.system;

import io.conops.core.ConopsException;

/** A configuration value ConOps cannot start with; the message names the environment variable. */
public class InvalidSettingException extends ConopsException {
    private final String variable;

    public InvalidSettingException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
