package io.conops.server.app;

import io.conops.core.api.CreateAppRequest;
import io.conops.core.app.InvalidSpecException;
import io.conops.core.app.SpecRules;
import io.conops.core.app.SyncStatus;
import io.conops.server.access.AccessDeniedProblem;
import io.conops.server.access.CurrentCaller;
import io.conops.server.audit.AuditAction;
import io.conops.server.audit.AuditLog;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Registering, looking up and changing apps. What follows a change (a first sync, a poll) is the
 * loop's business: it hears of it through {@link AppEvents}.
 */
@Service
public class AppService {
    private static final Logger log = LoggerFactory.getLogger(AppService.class);

    private final AppRepository apps;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AppEditor editor;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    AppService(
            AppRepository apps,
            TransactionTemplate tx,
            Clock clock,
            AppEditor editor,
            ApplicationEventPublisher events,
            AuditLog audit) {
        this.audit = audit;
        this.apps = apps;
        this.tx = tx;
        this.clock = clock;
        this.editor = editor;
        this.events = events;
    }

    /** The apps the caller may see: all of them, unless its token is limited to some. */
    public List<AppEntity> list() {
        return apps.findAllByOrderByNameAsc().stream()
                .filter(a -> CurrentCaller.sees(a.getName()))
                .toList();
    }

    public AppEntity get(String idOrName) {
        return find(idOrName);
    }

    /**
     * By id or name. An app the caller's token is not limited to is not found (404), the same as one
     * that does not exist, so a limited token cannot learn which other apps there are.
     */
    public AppEntity find(String idOrName) {
        if (idOrName.length() == 36) {
            try {
                var byId = apps.findById(UUID.fromString(idOrName)).filter(a -> CurrentCaller.sees(a.getName()));
                if (byId.isPresent()) {
                    return byId.get();
                }
            } catch (IllegalArgumentException notAUuid) {
                // fall through to the name
            }
        }
        return apps.findByName(idOrName)
                .filter(a -> CurrentCaller.sees(a.getName()))
                .orElseThrow(() -> new AppNotFoundException(idOrName));
    }

    public AppEntity create(CreateAppRequest req) {
        return audit.around(AuditAction.APP_CREATED, req == null ? null : req.name(), null, () -> register(req));
    }

    private AppEntity register(CreateAppRequest req) {
        if (req == null) {
            throw new InvalidSpecException("body", "a JSON object is required");
        }
        SpecRules.checkNewName(req.name());
        if (!CurrentCaller.sees(req.name())) {
            throw new AccessDeniedProblem("this token is limited to other apps than '" + req.name() + "'");
        }
        if (apps.existsByName(req.name())) {
            throw new AppConflictException("name", "name: an app named '" + req.name() + "' already exists");
        }
        AppEntity saved;
        try {
            saved = tx.execute(s -> {
                AppEntity a = new AppEntity(UUID.randomUUID(), req.name(), clock.instant());
                editor.apply(a, AppPatch.ofCreate(req), true);
                return apps.saveAndFlush(a);
            });
        } catch (DataIntegrityViolationException e) {
            throw new AppConflictException("name", "name: an app named '" + req.name() + "' already exists");
        }
        log.info(
                "Registered app {} ({} @ {}, {}, {})",
                saved.getName(),
                saved.getRepoUrl(),
                saved.getBranch(),
                saved.getComposePath(),
                saved.getRepoAuthMethod().wire());
        events.publishEvent(new AppEvents.Registered(saved.getId(), saved.getPollInterval()));
        return saved;
    }

    /** A change given as the API's PATCH body (the web UI's edit form builds one): the same rules. */
    public AppEntity update(String idOrName, JsonNode patchBody) {
        return update(idOrName, AppPatch.parse(patchBody));
    }

    /**
     * Changes an app's spec or credentials; absent fields stay, and nothing is stored if one field is
     * invalid. A new repository, branch or compose file is looked at at once (a sync follows); new
     * credentials are tried on the next poll, at once for an app whose last sync failed.
     */
    public AppEntity update(String idOrName, AppPatch patch) {
        AppEntity found = find(idOrName);
        return audit.around(
                AuditAction.APP_CHANGED, found.getName(), null, () -> change(found.getId(), idOrName, patch));
    }

    private AppEntity change(UUID id, String idOrName, AppPatch patch) {
        AppEditor.Effect effect = tx.execute(s -> {
            AppEntity a = apps.findById(id).orElseThrow(() -> new AppNotFoundException(idOrName));
            AppEditor.Effect e = editor.apply(a, patch, false);
            if (e.desiredStateChanged()) {
                // the last seen head belonged to the old branch or repository
                a.apply(a.status().with(b -> {
                    b.lastSeenCommit = null;
                    b.failedCommit = null;
                    b.nextRetryAt = null;
                }));
            }
            a.touch(clock.instant());
            apps.saveAndFlush(a);
            return e;
        });
        AppEntity updated = apps.findById(id).orElseThrow(() -> new AppNotFoundException(idOrName));
        log.info(
                "Updated app {} ({} @ {}, {}, {}{})",
                updated.getName(),
                updated.getRepoUrl(),
                updated.getBranch(),
                updated.getComposePath(),
                updated.getRepoAuthMethod().wire(),
                effect.credentialsChanged() ? ", credentials changed" : "");
        events.publishEvent(new AppEvents.Changed(
                id,
                effect.desiredStateChanged()
                        || (effect.credentialsChanged() && updated.getStatus() == SyncStatus.ERROR)));
        return apps.findById(id).orElse(updated);
    }
}
