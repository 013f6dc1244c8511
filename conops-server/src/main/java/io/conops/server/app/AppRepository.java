package io.conops.server.app;

import io.conops.core.app.SyncStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AppRepository extends JpaRepository<AppEntity, UUID> {
    Optional<AppEntity> findByName(String name);

    boolean existsByName(String name);

    List<AppEntity> findAllByOrderByNameAsc();

    List<AppEntity> findByStatusIn(Collection<SyncStatus> statuses);
}
