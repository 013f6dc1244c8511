package io.conops.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A stack's app takes every column of its set but its own: shown over all declared fields of the
 * app and its credentials, so a field added to either later is checked without a change here.
 */
class StackChildrenTest {
    /** The child's own columns, as this test expects them: everything else comes from the set. */
    static final Set<String> CHILDS_OWN = Set.of(
            "id",
            "name",
            "composePath",
            "parent",
            "layout",
            "stacksFile",
            "stacksGlob",
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
            "credentials");

    static final Set<String> CREDENTIALS_KEY = Set.of("appId", "app");

    @Test
    void aStackTakesEveryFieldOfItsSetAndItsCredentialsButItsOwn() throws Exception {
        AppEntity set = filled("conops-test-set", 1);
        AppEntity child = filled("conops-test-set-web", 2);
        Map<String, Object> childsOwn = values(child, CHILDS_OWN);

        StackChildren.inherit(set, child, "stacks/web/compose.yaml");

        for (Field f : fields(AppEntity.class)) {
            if (!CHILDS_OWN.contains(f.getName())) {
                assertThat(f.get(child)).as(f.getName()).isEqualTo(f.get(set));
            }
        }
        for (Field f : fields(AppCredentialsEntity.class)) {
            if (!CREDENTIALS_KEY.contains(f.getName())) {
                assertThat(f.get(child.credentials()))
                        .as("credentials." + f.getName())
                        .isEqualTo(f.get(set.credentials()));
            }
        }
        childsOwn.put("composePath", "stacks/web/compose.yaml");
        assertThat(values(child, CHILDS_OWN)).isEqualTo(childsOwn);
        assertThat(child.credentials()).isNotSameAs(set.credentials());
        assertThat(child.credentials().getDeployKeyEnc()).isEqualTo("deployKeyEnc-1");
    }

    @Test
    void whatTheStackTakesIsWhatItsSetWouldGiveItAgain() throws Exception {
        AppEntity set = filled("conops-test-set", 1);
        AppEntity child = new AppEntity(UUID.randomUUID(), "conops-test-set-web", Instant.EPOCH);
        StackChildren.inherit(set, child, "web.yaml");

        assertThat(InheritedFields.of(child)).isEqualTo(InheritedFields.of(set));
        set.setBranch("conops-test-other-branch");
        assertThat(InheritedFields.moved(InheritedFields.of(child), InheritedFields.of(set)))
                .isTrue();
        set.setBranch(child.getBranch());
        set.setPollInterval(Duration.ofHours(7));
        assertThat(InheritedFields.moved(InheritedFields.of(child), InheritedFields.of(set)))
                .isFalse();
    }

    /**
     * An app whose every field of a plain type, and every credential, has a value that differs per
     * {@code seed}; an inherited field of a type this test cannot make up fails the test.
     */
    private static AppEntity filled(String name, int seed) throws Exception {
        AppEntity app = new AppEntity(UUID.randomUUID(), name, Instant.EPOCH);
        for (Field f : fields(AppEntity.class)) {
            Object v = value(f, seed);
            if (v != null && !Set.of("id", "name").contains(f.getName())) {
                f.set(app, v);
            } else if (v == null && !CHILDS_OWN.contains(f.getName())) {
                throw new AssertionError("no test value for " + f + ": teach StackChildrenTest one");
            }
        }
        for (Field f : fields(AppCredentialsEntity.class)) {
            if (!CREDENTIALS_KEY.contains(f.getName())) {
                Object v = value(f, seed);
                if (v == null) {
                    throw new AssertionError("no test value for " + f + ": teach StackChildrenTest one");
                }
                f.set(app.credentials(), v);
            }
        }
        return app;
    }

    private static Map<String, Object> values(AppEntity app, Set<String> names) throws Exception {
        Map<String, Object> values = new HashMap<>();
        for (Field f : fields(AppEntity.class)) {
            if (names.contains(f.getName()) && value(f, 1) != null) {
                values.put(f.getName(), f.get(app));
            }
        }
        return values;
    }

    /** A value of the field's plain type that differs per seed; null for any other type. */
    private static Object value(Field f, int seed) {
        Class<?> t = f.getType();
        String tag = f.getName() + "-" + seed;
        if (t == String.class) {
            return tag;
        }
        if (t == boolean.class) {
            return seed % 2 == 1;
        }
        if (t == int.class) {
            return seed;
        }
        if (t == Duration.class) {
            return Duration.ofSeconds(seed);
        }
        if (t == Instant.class) {
            return Instant.ofEpochSecond(seed);
        }
        if (t == UUID.class) {
            return UUID.nameUUIDFromBytes(tag.getBytes());
        }
        if (t.isEnum()) {
            Object[] constants = t.getEnumConstants();
            return constants[seed % constants.length];
        }
        return null;
    }

    private static List<Field> fields(Class<?> type) {
        return java.util.Arrays.stream(type.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isSynthetic())
                .peek(f -> f.setAccessible(true))
                .toList();
    }
}
