package io.conops.server.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface TokenRepository extends JpaRepository<TokenEntity, Long> {
    Optional<TokenEntity> findByTokenHash(String tokenHash);

    Optional<TokenEntity> findByName(String name);

    boolean existsByName(String name);

    List<TokenEntity> findAllByOrderByNameAsc();

    @Modifying
    @Transactional
    @Query("update TokenEntity t set t.lastUsedAt = :at where t.id = :id")
    int touch(Long id, Instant at);
}
