package io.conops.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PullPolicyTest {

    @Test
    void readsTheThreePoliciesAndDockerOpsIfNotPresentAsMissing() {
        assertThat(PullPolicy.parse("always")).isEqualTo(PullPolicy.ALWAYS);
        assertThat(PullPolicy.parse("Never")).isEqualTo(PullPolicy.NEVER);
        assertThat(PullPolicy.parse("missing")).isEqualTo(PullPolicy.MISSING);
        assertThat(PullPolicy.parse("ifnotpresent")).isEqualTo(PullPolicy.MISSING);
        assertThat(PullPolicy.MISSING.wire()).isEqualTo("missing");
    }

    @Test
    void anythingElseIsNoPolicy() {
        assertThat(PullPolicy.parse("sometimes")).isNull();
        assertThat(PullPolicy.parse(null)).isNull();
        assertThatThrownBy(() -> PullPolicy.fromWire("latest")).hasMessageContaining("always, missing, never");
    }
}
