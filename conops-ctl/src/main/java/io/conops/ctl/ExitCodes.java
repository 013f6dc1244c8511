package io.conops.ctl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every exit code the CLI returns, decided here only, so scripts can rely on them and the help
 * footer cannot drift from what the code does.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int UNEXPECTED = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int AUTH = 4;
    public static final int CONFLICT = 5;
    public static final int INVALID_INPUT = 6;
    public static final int UNREACHABLE = 7;
    public static final int SERVER_ERROR = 8;
    public static final int SYNC_FAILED = 9;
    public static final int WAIT_TIMEOUT = 10;

    private ExitCodes() {}

    /** The code for an HTTP error status the server answered with. */
    public static int forHttpStatus(int status) {
        return switch (status) {
            case 400, 422 -> INVALID_INPUT;
            case 401, 403 -> AUTH;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> status >= 500 ? SERVER_ERROR : UNEXPECTED;
        };
    }

    /** Code to description, in order, as the help footer lists them. */
    static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(key(OK), "success");
        m.put(key(UNEXPECTED), "unexpected error, or a deletion not confirmed");
        m.put(key(USAGE), "usage error (bad option or argument)");
        m.put(key(NOT_FOUND), "app not found (404)");
        m.put(key(AUTH), "authentication or authorization failed (401, 403, no token)");
        m.put(key(CONFLICT), "conflict (409), e.g. the name is taken");
        m.put(key(INVALID_INPUT), "invalid input (400, 422)");
        m.put(key(UNREACHABLE), "server unreachable (connection refused or timed out)");
        m.put(key(SERVER_ERROR), "server error (5xx)");
        m.put(key(SYNC_FAILED), "the sync ended failed or interrupted (sync --wait)");
        m.put(key(WAIT_TIMEOUT), "gave up waiting for the sync (sync --wait --timeout)");
        return m;
    }

    private static String key(int code) {
        // right-aligned so one- and two-digit codes line up in the help footer
        return String.format("%2d", code);
    }
}
