package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvsTest {
    @Test
    void quotingEscapesWhatComposeEnvFilesExpand() {
        assertThat(ServiceEnvs.quote("a $HOME \"q\" back\\slash\nnext\tx\ry"))
                .isEqualTo("a \\$HOME \\\"q\\\" back\\\\slash\\nnext\\tx\\ry");
    }

    @Test
    void referencesFindBracedAndBareNamesButNotEscapedDollars() {
        Map<String, Object> def = Map.of(
                "environment", Map.of("A", "x ${GREETING} $OTHER ${WITH_DEFAULT:-d} $$ESCAPED"),
                "command", List.of("echo", "${IN_LIST}"));
        assertThat(ServiceEnvs.references(def))
                .containsExactlyInAnyOrder("GREETING", "OTHER", "WITH_DEFAULT", "IN_LIST");
    }

    @Test
    void aServiceReceivesTheEnvFileUnlessItsLabelSaysFalse() {
        assertThat(ServiceEnvs.receivesFile(Map.of())).isTrue();
        assertThat(ServiceEnvs.receivesFile(Map.of("labels", Map.of("conops.service-envs", "false"))))
                .isFalse();
        assertThat(ServiceEnvs.receivesFile(Map.of("labels", Map.of("conops.service-envs", "true"))))
                .isTrue();
    }

    @Test
    void aStacksServiceReceivesEveryVariableButThoseItsOwnEnvironmentSets() {
        java.util.Set<String> names = java.util.Set.of("GREETING", "OTHER", "TOKEN");
        // its env_file's variables are in the rendered model only: service_envs win over them
        Map<String, Object> rendered = Map.of("environment", Map.of("OTHER", "own", "TOKEN", "from-env-file"));

        assertThat(ServiceEnvs.forStack(names, rendered, Map.of("environment", Map.of("OTHER", "own"))))
                .containsExactly("GREETING", "TOKEN");
        assertThat(ServiceEnvs.forStack(names, rendered, Map.of("environment", List.of("OTHER=own", "TOKEN"))))
                .containsExactly("GREETING");
        assertThat(ServiceEnvs.forStack(names, rendered, Map.of())).containsExactly("GREETING", "OTHER", "TOKEN");
    }

    @Test
    void aStacksServiceLabelledOutReceivesNone() {
        Map<String, Object> optedOut = Map.of("labels", Map.of("conops.service-envs", "false"));
        assertThat(ServiceEnvs.forStack(java.util.Set.of("GREETING"), optedOut, Map.of()))
                .isEmpty();
    }
}
