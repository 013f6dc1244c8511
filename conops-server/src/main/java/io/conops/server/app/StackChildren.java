package io.conops.server.app;

import io.conops.core.app.InvalidSpecException;
import io.conops.core.app.StackSetRules;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The child apps of a stack set: one per stack, named {@code <parent>-<stack>}, following the
 * parent's repository, branch, credentials and settings, and its own compose file. They are
 * ordinary apps from then on (own status, health, history, diff, healing); the parent's sync keeps
 * them equal to its stacks. What a child inherits is copied in {@link #inherit}: all but its own columns ({@link InheritedFields}).
 */
@Component
public class StackChildren {
    private static final Logger log = LoggerFactory.getLogger(StackChildren.class);

    /** What {@link #upsert} did to the child. */
    public enum Change {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    private final AppRepository apps;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    StackChildren(AppRepository apps, TransactionTemplate tx, Clock clock, ApplicationEventPublisher events) {
        this.apps = apps;
        this.tx = tx;
        this.clock = clock;
        this.events = events;
    }

    public List<AppEntity> of(String parent) {
        return apps.findByParentOrderByNameAsc(parent);
    }

    /**
     * Creates the stack's app or brings it in line with the parent; a change of what it deploys has
     * it sync at once, as a PATCH would.
     *
     * @throws InvalidSpecException when an app of that name exists that is not this set's stack
     */
    public Change upsert(AppEntity parent, String stack, String composePath) {
        String name = StackSetRules.childName(parent.getName(), stack);
        AppEntity existing = apps.findByName(name).orElse(null);
        if (existing != null && !parent.getName().equals(existing.getParent())) {
            throw new InvalidSpecException(
                    "stacks",
                    "stack '" + stack + "': an app named '" + name + "' exists that is not a stack of '"
                            + parent.getName() + "'");
        }
        if (existing == null) {
            AppEntity child = tx.execute(s -> {
                AppEntity c = new AppEntity(UUID.randomUUID(), name, clock.instant());
                c.setParent(parent.getName());
                inherit(parent, c, composePath);
                return apps.saveAndFlush(c);
            });
            log.info("Stack set {}: registered stack app {} ({})", parent.getName(), name, composePath);
            events.publishEvent(new AppEvents.Registered(child.getId(), child.getPollInterval()));
            return Change.CREATED;
        }
        UUID id = existing.getId();
        Boolean resync = tx.execute(s -> {
            AppEntity c = apps.findById(id).orElseThrow(() -> new AppNotFoundException(name));
            Map<String, Object> before = InheritedFields.of(c);
            String pathBefore = c.getComposePath();
            inherit(parent, c, composePath);
            Map<String, Object> after = InheritedFields.of(c);
            boolean moved = !composePath.equals(pathBefore) || InheritedFields.moved(before, after);
            if (!moved && before.equals(after)) {
                return null;
            }
            if (moved) {
                // the last seen head belonged to what the child followed before
                c.apply(c.status().with(b -> {
                    b.lastSeenCommit = null;
                    b.failedCommit = null;
                    b.nextRetryAt = null;
                }));
            }
            c.touch(clock.instant());
            apps.saveAndFlush(c);
            return moved;
        });
        if (resync == null) {
            return Change.UNCHANGED;
        }
        events.publishEvent(new AppEvents.Changed(id, resync));
        return Change.UPDATED;
    }

    /**
     * Everything a stack takes from its set, its Compose or Swarm target among it: the set's columns
     * and credentials as a whole (ciphertexts are not bound to their app: copied as they are, never
     * decrypted here), then what is the stack's own.
     */
    static void inherit(AppEntity parent, AppEntity child, String composePath) {
        InheritedFields.copy(parent, child);
        child.setComposePath(composePath);
    }
}
