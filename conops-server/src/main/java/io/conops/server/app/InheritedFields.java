package io.conops.server.app;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hibernate.Hibernate;

/**
 * What a stack's app takes from its stack set: every column of the set's row and of its
 * credentials, except the child's own ones named here. Copied column by column as a whole, so a
 * field added to the app (a new credential, a new deployment setting) is inherited without a change
 * here; only a new column that must <em>not</em> be inherited is named.
 */
final class InheritedFields {
    /** Who the child is, which stack it deploys, and where it stands: never taken from its set. */
    static final Set<String> OWN = Set.of(
            "id",
            "name",
            "composePath",
            "parent",
            // a set's own kind: the child is a plain Compose project of one stack
            "layout",
            "stacksFile",
            "stacksGlob",
            // the child's status
            "status",
            "health",
            "lastSeenCommit",
            "lastSyncedCommit",
            "lastSyncAt",
            "lastError",
            "failedCommit",
            "failureCount",
            "nextRetryAt",
            "deployedServices",
            "conditions",
            "healStreak",
            "pinnedCommit",
            "createdAt",
            "updatedAt",
            // its own row of the credentials table, whose columns are copied one by one
            "credentials");

    /** Of the credentials row, the key that ties it to its app. */
    private static final Set<String> OWN_CREDENTIALS = Set.of("appId", "app");

    /**
     * Changes that leave what the child deploys and where as it was: how often it polls, how its
     * repository and registries are reached, who signs its deliveries and whom it tells. Any other
     * change (new fields included) has the child look at its repository again at once.
     */
    private static final Set<String> QUIET = Set.of(
            "pollInterval",
            "imageUpdates",
            "credentials.repoUsername",
            "credentials.deployKeyEnc",
            "credentials.repoTokenEnc",
            "credentials.registryAuth",
            "credentials.webhookSecretEnc",
            "credentials.notifyUrlsEnc",
            "repoAuthMethod");

    private static final List<Field> APP = fields(AppEntity.class, OWN);
    private static final List<Field> CREDENTIALS = fields(AppCredentialsEntity.class, OWN_CREDENTIALS);

    private InheritedFields() {}

    /** Copies every inherited column of {@code from} onto {@code to}; ciphertexts as they are. */
    static void copy(AppEntity from, AppEntity to) {
        AppEntity source = Hibernate.unproxy(from, AppEntity.class);
        AppEntity target = Hibernate.unproxy(to, AppEntity.class);
        copy(APP, source, target);
        copy(
                CREDENTIALS,
                Hibernate.unproxy(source.credentials(), AppCredentialsEntity.class),
                Hibernate.unproxy(target.credentials(), AppCredentialsEntity.class));
    }

    /** The inherited columns' values by name ({@code credentials.<field>} for the secrets' row). */
    static Map<String, Object> of(AppEntity app) {
        AppEntity a = Hibernate.unproxy(app, AppEntity.class);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : APP) {
            values.put(f.getName(), get(f, a));
        }
        AppCredentialsEntity c = Hibernate.unproxy(a.credentials(), AppCredentialsEntity.class);
        for (Field f : CREDENTIALS) {
            values.put("credentials." + f.getName(), get(f, c));
        }
        return values;
    }

    /** True when a column that changes what the child deploys differs between the two snapshots. */
    static boolean moved(Map<String, Object> before, Map<String, Object> after) {
        return before.keySet().stream()
                .anyMatch(k -> !QUIET.contains(k) && !Objects.equals(before.get(k), after.get(k)));
    }

    private static <T> void copy(List<Field> fields, T from, T to) {
        for (Field f : fields) {
            try {
                f.set(to, f.get(from));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Field> fields(Class<?> type, Set<String> own) {
        List<Field> fields = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic() && !own.contains(f.getName())) {
                f.setAccessible(true);
                fields.add(f);
            }
        }
        return List.copyOf(fields);
    }
}
