package io.conops.server.app;

import io.conops.core.app.SyncStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface AppRepository extends JpaRepository<AppEntity, UUID> {
    Optional<AppEntity> findByName(String name);

    /** What the watcher needs every tick, without loading credentials it does not use then. */
    @Query("select new io.conops.server.app.PollSchedule(a.id, a.pollInterval) from AppEntity a")
    List<PollSchedule> pollSchedules();

    @Query("select new io.conops.server.app.PollSchedule(a.id, a.pollInterval) from AppEntity a where a.id = :id")
    Optional<PollSchedule> pollSchedule(UUID id);

    boolean existsByName(String name);

    /** The apps that follow one branch of one repository (spelled alike). */
    @Query("select a.id from AppEntity a where a.repoUrl = :repoUrl and a.branch = :branch")
    List<UUID> following(String repoUrl, String branch);

    /** Every app with its credentials, in one query (they are eager: else one more query per app). */
    @EntityGraph(attributePaths = "credentials")
    List<AppEntity> findAllByOrderByNameAsc();

    List<AppEntity> findByStatusIn(Collection<SyncStatus> statuses);

    /** The stacks of a stack set, by name. */
    List<AppEntity> findByParentOrderByNameAsc(String parent);
}
