package io.conops.server.sync;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PulledImageRepository extends JpaRepository<PulledImageEntity, String> {}
