package io.conops.server.sync;

import io.conops.core.api.DeploymentView.Outcome;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface DeploymentRepository extends JpaRepository<DeploymentEntity, Long> {
    List<DeploymentEntity> findByAppIdOrderByIdDesc(UUID appId, Pageable page);

    List<DeploymentEntity> findByOutcome(Outcome outcome);

    long countByAppId(UUID appId);

    @Transactional
    @Modifying
    @Query("delete from DeploymentEntity d where d.appId = :appId and d.id < :keepFrom")
    int deleteOlder(UUID appId, long keepFrom);

    @Transactional
    @Modifying
    @Query("delete from DeploymentEntity d where d.appId = :appId and d.outcome = :outcome and d.id <> :keep")
    int deleteOthersWithOutcome(UUID appId, Outcome outcome, long keep);

    @Transactional
    @Modifying
    @Query("delete from DeploymentEntity d where d.appId = :appId")
    int deleteByAppId(UUID appId);
}
