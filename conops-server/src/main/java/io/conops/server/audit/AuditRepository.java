package io.conops.server.audit;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface AuditRepository extends JpaRepository<AuditEntity, Long> {
    List<AuditEntity> findAllByOrderByIdDesc(Pageable page);

    List<AuditEntity> findByAppOrderByIdDesc(String app, Pageable page);

    @Modifying
    @Transactional
    @Query("delete from AuditEntity e where e.at < :before")
    int deleteOlderThan(Instant before);
}
