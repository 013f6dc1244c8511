package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineDriftTest {
    @Test
    void aServiceNameMayBelongToEveryStackBeforeAnUnderscore() {
        assertThat(EngineDrift.stacksOf("shop_web")).containsExactly("shop");
        assertThat(EngineDrift.stacksOf("my_shop_web_1")).containsExactly("my", "my_shop", "my_shop_web");
    }

    @Test
    void aNameWithoutBothPartsBelongsToNoStack() {
        assertThat(EngineDrift.stacksOf("web")).isEmpty();
        assertThat(EngineDrift.stacksOf("_web")).isEmpty();
        assertThat(EngineDrift.stacksOf("shop_")).isEmpty();
    }
}
