package io.conops.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SignaturesTest {
    /** The example in GitHub's documentation of webhook signatures. */
    static final String SECRET = "It's a Secret to Everybody";

    static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    static final String HEX = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void githubsDocumentedExampleVerifies() {
        assertThat(Signatures.hub("sha256=" + HEX, BODY, SECRET)).isTrue();
        assertThat(Signatures.hub("sha256=" + HEX.toUpperCase(), BODY, SECRET)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                HEX, // no prefix
                "sha1=" + HEX,
                "sha256=",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18", // last digit
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e", // short
                "sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17" // not hex
            })
    void anythingElseInTheHubHeaderFails(String header) {
        assertThat(Signatures.hub(header, BODY, SECRET)).isFalse();
    }

    @Test
    void aChangedBodyOrAnotherSecretFails() {
        assertThat(Signatures.hub("sha256=" + HEX, "Hello, World?".getBytes(StandardCharsets.UTF_8), SECRET))
                .isFalse();
        assertThat(Signatures.hub("sha256=" + HEX, BODY, SECRET + " ")).isFalse();
    }

    @Test
    void giteaSignsTheSameHmacWithoutAPrefix() {
        assertThat(Signatures.hex(HEX, BODY, SECRET)).isTrue();
        assertThat(Signatures.hex("sha256=" + HEX, BODY, SECRET)).isFalse();
        assertThat(Signatures.hex(HEX, BODY, null)).isFalse();
        assertThat(Signatures.hex(null, BODY, SECRET)).isFalse();
    }

    @Test
    void gitlabSendsTheSecretItself() {
        assertThat(Signatures.token(SECRET, BODY, SECRET)).isTrue();
        assertThat(Signatures.token(SECRET + "x", BODY, SECRET)).isFalse();
        assertThat(Signatures.token(SECRET.substring(1), BODY, SECRET)).isFalse();
        assertThat(Signatures.token("", BODY, SECRET)).isFalse();
        assertThat(Signatures.token(null, BODY, SECRET)).isFalse();
        assertThat(Signatures.token(SECRET, BODY, null)).isFalse();
    }
}
