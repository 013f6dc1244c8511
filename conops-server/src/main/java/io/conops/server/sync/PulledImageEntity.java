package io.conops.server.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An image ConOps pulled: the local id the pull brought, and the reference it was pulled as. */
@Entity
@Table(name = "pulled_images")
public class PulledImageEntity {
    @Id
    @Column(name = "image_id", length = 128)
    private String imageId;

    @Column(nullable = false, length = 1024)
    private String reference;

    @Column(name = "pulled_at", nullable = false)
    private Instant pulledAt;

    protected PulledImageEntity() {}

    PulledImageEntity(String imageId, String reference, Instant pulledAt) {
        this.imageId = imageId;
        this.reference = reference;
        this.pulledAt = pulledAt;
    }

    String imageId() {
        return imageId;
    }

    String reference() {
        return reference;
    }

    Instant pulledAt() {
        return pulledAt;
    }
}
