package io.conops.ctl;

import io.conops.core.ConopsException;

/**
 * A failure the CLI reports to the user: a one-line message and the exit code it ends with. Root of
 * every failure this module raises itself; anything else is a bug and exits {@link
 * ExitCodes#UNEXPECTED}.
 */
public class CtlException extends ConopsException {
    private final int exitCode;
    /** What --verbose prints after the one line, e.g. the server's whole answer; may be null. */
    private String details;

    public CtlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CtlException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    String details() {
        return details;
    }

    CtlException withDetails(String details) {
        this.details = details;
        return this;
    }
}
