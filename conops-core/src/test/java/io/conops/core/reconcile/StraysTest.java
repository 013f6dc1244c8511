package io.conops.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StraysTest {
    static ObservedContainer container(String id, String service, String hash) {
        return new ObservedContainer(id, "p-" + id, service, "img", "running", 0, ContainerHealth.NONE, hash);
    }

    final List<DesiredService> desired =
            List.of(new DesiredService("web", "h1", false), new DesiredService("db", "h2", false));

    @Test
    void containersWithTheDesiredHashAreNotStrays() {
        assertThat(Strays.find(desired, List.of(container("1", "web", "h1"), container("2", "db", "h2"))))
                .isEmpty();
    }

    @Test
    void handMadeContainerWithoutOrWithAnotherHashIsAStray() {
        List<ObservedContainer> found = Strays.find(
                desired,
                List.of(container("1", "web", null), container("2", "db", "old"), container("3", "web", "h1")));
        assertThat(found).extracting(ObservedContainer::id).containsExactly("1", "2");
    }

    @Test
    void containerOfNoDesiredServiceIsAStray() {
        assertThat(Strays.find(desired, List.of(container("9", "extra", null), container("8", null, null))))
                .extracting(ObservedContainer::id)
                .containsExactly("9", "8");
    }
}
