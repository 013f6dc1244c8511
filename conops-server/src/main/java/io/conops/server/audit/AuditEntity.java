package io.conops.server.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "audit_entries")
class AuditEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "at", nullable = false)
    private Instant at;

    @Column(name = "token_name", length = 63)
    private String tokenName;

    @Column(name = "remote_addr", length = 64)
    private String remoteAddr;

    @Column(name = "action", nullable = false, length = 32)
    private String action;

    @Column(name = "app", length = 63)
    private String app;

    /** The token a token action was about; null otherwise. */
    @Column(name = "target", length = 63)
    private String target;

    @Column(name = "outcome", nullable = false, length = 16)
    private String outcome;

    protected AuditEntity() {}

    AuditEntity(
            Instant at, String tokenName, String remoteAddr, String action, String app, String target, String outcome) {
        this.at = at;
        this.tokenName = cut(tokenName, 63);
        this.remoteAddr = cut(remoteAddr, 64);
        this.action = action;
        this.app = cut(app, 63);
        this.target = cut(target, 63);
        this.outcome = outcome;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    Long getId() {
        return id;
    }

    Instant getAt() {
        return at;
    }

    String getTokenName() {
        return tokenName;
    }

    String getRemoteAddr() {
        return remoteAddr;
    }

    String getAction() {
        return action;
    }

    String getApp() {
        return app;
    }

    String getTarget() {
        return target;
    }

    String getOutcome() {
        return outcome;
    }
}
