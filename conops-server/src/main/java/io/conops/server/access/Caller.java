package io.conops.server.access;

import java.security.Principal;
import java.util.Set;

/**
 * An authenticated token: its stored id (0 for the bootstrap token), name (the bootstrap token's is
 * {@code admin}), role, and the apps it is limited to (empty: all apps). The principal of every
 * authenticated request.
 */
public record Caller(long id, String name, Role role, Set<String> apps) implements Principal {
    public static final String BOOTSTRAP = "admin";

    /** The bootstrap token (CONOPS_ADMIN_TOKEN or the generated one): admin of every app. */
    public static Caller bootstrap() {
        return new Caller(0, BOOTSTRAP, Role.ADMIN, Set.of());
    }

    public boolean isBootstrap() {
        return id == 0;
    }

    public Caller {
        apps = Set.copyOf(apps);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean limited() {
        return !apps.isEmpty();
    }

    public boolean sees(String app) {
        return apps.isEmpty() || apps.contains(app);
    }
}
