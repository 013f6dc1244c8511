package io.conops.ctl;

/** Canned AppView JSON as the server writes it (snake_case, wire-form enums). */
final class Apps {
    private Apps() {}

    static String app(String name, String status, String health, String commit, String updatedAt) {
        return """
                {"id":"%s-id","name":"%s","repo_url":"https://git.example/%s.git","repo_auth_method":"public",
                 "branch":"main","compose_path":"compose.yaml","poll_interval":"30s",
                 "status":"%s","health":"%s","last_seen_commit":%s,"last_synced_commit":%s,
                 "last_sync_at":"2026-03-01T10:15:30.123Z","last_error":null,
                 "created_at":"2026-03-01T10:00:00Z","updated_at":"%s","future_field":1}
                """.formatted(name, name, name, status, health, quote(commit), quote(commit), updatedAt);
    }

    static String app(String name, String status) {
        return app(name, status, "healthy", "0123456789abcdef0123456789abcdef01234567", "2026-03-01T10:15:31Z");
    }

    static String failed(String name, String lastError, String updatedAt) {
        return app(name, "error", "degraded", "0123456789abcdef0123456789abcdef01234567", updatedAt)
                .replace("\"last_error\":null", "\"last_error\":\"" + lastError + "\"");
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
