package io.conops.server.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A token: the keyed hash of its value, never the value. */
@Entity
@Table(name = "api_tokens")
class TokenEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = 63)
    private String name;

    @Column(name = "role", nullable = false, length = 16)
    private String role;

    /** Comma-separated app names, or null for all apps. */
    @Column(name = "apps", length = 20000)
    private String apps;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected TokenEntity() {}

    TokenEntity(String name, String role, String apps, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.name = name;
        this.role = role;
        this.apps = apps;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getRole() {
        return role;
    }

    String getApps() {
        return apps;
    }

    String getTokenHash() {
        return tokenHash;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getLastUsedAt() {
        return lastUsedAt;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }
}
