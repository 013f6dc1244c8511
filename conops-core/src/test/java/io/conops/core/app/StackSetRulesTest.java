package io.conops.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StackSetRulesTest {

    @Test
    void childIsNamedParentDashStack() {
        assertThat(StackSetRules.childName("infra", "web-stack")).isEqualTo("infra-web-stack");
    }

    @Test
    void stackNameThatIsNoProjectNameIsRefusedNamingTheStack() {
        assertThatThrownBy(() -> StackSetRules.childName("infra", "Web Stack"))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("stacks"))
                .hasMessageContaining("'Web Stack'");
        assertThatThrownBy(() -> StackSetRules.childName("infra", "../x")).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void childNameLongerThanAProjectNameIsRefused() {
        assertThatThrownBy(() -> StackSetRules.childName("p".repeat(40), "s".repeat(23)))
                .hasMessageContaining("longer than 63");
        assertThat(StackSetRules.childName("p".repeat(40), "s".repeat(22))).hasSize(63);
    }

    @Test
    void stacksFileFollowsTheRepositoryPathRulesUnderItsOwnName() {
        StackSetRules.checkRepoPath("stacks_file", "stacks.yaml");
        assertThatThrownBy(() -> StackSetRules.checkRepoPath("stacks_file", "../stacks.yaml"))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("stacks_file"));
        assertThatThrownBy(() -> StackSetRules.checkRepoPath("stacks_file", "/etc/stacks.yaml"))
                .hasMessageStartingWith("stacks_file: must be relative");
    }

    @Test
    void globNeedsAWildcardAndComposeFiles() {
        StackSetRules.checkGlob("stacks/*/compose.yaml");
        assertThatThrownBy(() -> StackSetRules.checkGlob("stacks/web/compose.yaml"))
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> StackSetRules.checkGlob("stacks/*")).hasMessageContaining(".yaml or .yml");
        assertThatThrownBy(() -> StackSetRules.checkGlob("../*/compose.yaml")).hasMessageStartingWith("stacks_glob:");
    }
}
