package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BranchIndexTest {
    static final String MAIN = "file:///repo.git\nmain";
    static final String DEV = "file:///repo.git\ndev";
    static final String OTHER_REPO = "file:///other.git\nmain";

    final BranchIndex<String> index = new BranchIndex<>();
    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();
    final UUID c = UUID.randomUUID();

    @Test
    void appsAreFoundByTheBranchTheyFollowAndNoOther() {
        put(a, "head-a", MAIN);
        put(b, "head-b", MAIN);
        put(c, "head-c", DEV);

        assertThat(index.onBranch(MAIN)).isEqualTo(Map.of(a, "head-a", b, "head-b"));
        assertThat(index.onBranch(DEV)).isEqualTo(Map.of(c, "head-c"));
        assertThat(index.onBranch(OTHER_REPO)).isEmpty();
        assertThat(index.get(c)).isEqualTo("head-c");
    }

    @Test
    void anAppPutAgainOnAnotherBranchOrRepositoryLeavesItsOldOne() {
        put(a, "one", MAIN);
        put(b, "one", MAIN);

        put(a, "two", DEV);
        put(b, "two", OTHER_REPO);

        assertThat(index.onBranch(MAIN)).isEmpty();
        assertThat(index.onBranch(DEV)).isEqualTo(Map.of(a, "two"));
        assertThat(index.onBranch(OTHER_REPO)).isEqualTo(Map.of(b, "two"));
    }

    @Test
    void anAppPutAgainOnItsBranchIsKeptOnceWithItsNewValue() {
        put(a, "one", MAIN);
        put(a, "two", MAIN);

        assertThat(index.onBranch(MAIN)).isEqualTo(Map.of(a, "two"));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void aForgottenAppIsOnNoBranch() {
        put(a, "one", MAIN);
        put(b, "one", MAIN);

        index.forget(a);

        assertThat(index.onBranch(MAIN)).isEqualTo(Map.of(b, "one"));
        assertThat(index.get(a)).isNull();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void whatWasReadBeforeAForgetIsNotPutBack() {
        long before = index.forgets();
        index.forget(a); // the app changed while its poll read it

        assertThat(index.put(a, "stale", MAIN, before)).isFalse();
        assertThat(index.get(a)).isNull();
        assertThat(index.onBranch(MAIN)).isEmpty();
    }

    @Test
    void whatWasReadBeforeAForgetDoesNotReplaceWhatWasPutSince() {
        long stale = index.forgets();
        index.forget(a);
        put(a, "fresh", DEV);

        index.put(a, "stale", MAIN, stale);

        assertThat(index.get(a)).isEqualTo("fresh");
        assertThat(index.onBranch(DEV)).isEqualTo(Map.of(a, "fresh"));
        assertThat(index.onBranch(MAIN)).isEmpty();
    }

    @Test
    void theAppsOnABranchAreACopy() {
        put(a, "one", MAIN);
        Map<UUID, String> seen = index.onBranch(MAIN);

        index.forget(a);

        assertThat(seen).isEqualTo(Map.of(a, "one"));
    }

    private void put(UUID app, String value, String branch) {
        assertThat(index.put(app, value, branch, index.forgets())).isTrue();
    }
}
