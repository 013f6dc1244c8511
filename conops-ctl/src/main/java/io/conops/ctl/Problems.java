package io.conops.ctl;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns an error answer, usually RFC 9457 {@code application/problem+json}, into the one line the
 * user reads and the exit code the status maps to. Field names come first, as the server's
 * validation names them ({@code name: must be ...}), so the user knows which option to fix.
 */
final class Problems {
    /** Where the token is and how to pass it: said with every authentication failure. */
    static final String TOKEN_HINT =
            "the admin token is in <data dir>/admin-token on the server (or CONOPS_ADMIN_TOKEN);"
                    + " pass it with --token-file FILE, CONOPS_TOKEN, or 'conops-ctl login'";

    private Problems() {}

    static CtlException toException(int status, String body) {
        String message = message(status, body);
        if (status == 401) {
            message = message + " (" + TOKEN_HINT + ")";
        }
        return new CtlException(ExitCodes.forHttpStatus(status), message)
                .withDetails("HTTP " + status + (body == null || body.isBlank() ? "" : "\n" + body.strip()));
    }

    static String message(int status, String body) {
        JsonNode problem = tryParse(body);
        if (problem != null && problem.isObject()) {
            String fromErrors = fieldErrors(problem.path("errors"));
            if (!fromErrors.isEmpty()) {
                return fromErrors;
            }
            String detail = text(problem, "detail");
            String field = text(problem, "field");
            if (detail != null) {
                return field == null || detail.startsWith(field + ":") ? detail : field + ": " + detail;
            }
            String title = text(problem, "title");
            if (title != null) {
                return title + " (HTTP " + status + ")";
            }
        }
        return fallback(status);
    }

    private static String fieldErrors(JsonNode errors) {
        List<String> parts = new ArrayList<>();
        for (JsonNode e : errors) {
            String field = text(e, "field");
            String msg = text(e, "message");
            if (msg != null) {
                parts.add(field == null ? msg : field + ": " + msg);
            }
        }
        return String.join("; ", parts);
    }

    private static String fallback(int status) {
        return switch (status) {
            case 401 -> "the server did not accept the token (HTTP 401)";
            case 403 -> "the token is not allowed to do this (HTTP 403)";
            case 404 -> "not found (HTTP 404)";
            case 409 -> "conflict (HTTP 409)";
            default -> status >= 500 ? "server error (HTTP " + status + ")" : "request failed (HTTP " + status + ")";
        };
    }

    private static JsonNode tryParse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (RuntimeException e) {
            return null; // an HTML error page from a proxy: the status alone must do
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.path(name);
        return v.isString() && !v.stringValue().isBlank() ? v.stringValue() : null;
    }
}
