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
}
