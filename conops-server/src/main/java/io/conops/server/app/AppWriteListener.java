package io.conops.server.app;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * JPA's callback on every row of an app or its credentials written. Hibernate makes its own
 * instance through Spring (JPA's rules: a new one, not the singleton), so the count lives in the
 * {@link AppWrites} bean it is given.
 */
class AppWriteListener {
    private final AppWrites writes;

    AppWriteListener(AppWrites writes) {
        this.writes = writes;
    }

    @PostPersist
    @PostUpdate
    @PostRemove
    void written(Object row) {
        writes.written();
    }
}
