package io.conops.server.audit;

/** What was done; the wire name is what the API shows. */
public enum AuditAction {
    APP_CREATED("app.created"),
    APP_CHANGED("app.changed"),
    APP_SYNCED("app.synced"),
    APP_DELETED("app.deleted"),
    APP_ROLLED_BACK("app.rolled_back"),
    APP_UNPINNED("app.unpinned"),
    TOKEN_CREATED("token.created"),
    TOKEN_REVOKED("token.revoked"),
    UI_LOGIN("ui.login"),
    AUTH_REFUSED("auth.refused"),
    ACCESS_DENIED("access.denied");

    private final String wire;

    AuditAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
