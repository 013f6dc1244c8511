package io.conops.server.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {
    @Test
    void secretIsMaskedWhateverItIs() {
        assertThat(Redact.secret("hunter2")).isEqualTo("***");
        assertThat(Redact.secret("")).isEqualTo("***");
    }

    @Test
    void absentSecretStaysAbsent() {
        assertThat(Redact.secret(null)).isNull();
    }
}
