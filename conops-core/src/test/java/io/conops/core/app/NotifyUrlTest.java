package io.conops.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotifyUrlTest {
    @Test
    void schemePicksTheKind() {
        assertThat(NotifyUrl.parse("https://hooks.example.com/x?y=1"))
                .isEqualTo(new NotifyUrl(NotifyUrl.Kind.GENERIC, URI.create("https://hooks.example.com/x?y=1"), null));
        assertThat(NotifyUrl.parse("slack+https://hooks.slack.com/services/T/B/C")
                        .kind())
                .isEqualTo(NotifyUrl.Kind.SLACK);
        NotifyUrl ntfy = NotifyUrl.parse("ntfy+http://127.0.0.1:8090/alerts");
        assertThat(ntfy.kind()).isEqualTo(NotifyUrl.Kind.NTFY);
        assertThat(ntfy.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8090/alerts"));
    }

    @Test
    void userInfoBecomesBasicAuthenticationAndLeavesTheEndpoint() {
        NotifyUrl u = NotifyUrl.parse("ntfy+https://bob:s3cr%40t@ntfy.example.com/topic");
        assertThat(u.endpoint()).isEqualTo(URI.create("https://ntfy.example.com/topic"));
        assertThat(u.authorization()).isEqualTo("Basic Ym9iOnMzY3JAdA==");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ftp://example.com/x",
                "teams+https://example.com/x",
                "https:///nohost",
                "https://example.com/a b",
                "https://example.com/#frag",
                "hooks.example.com/x"
            })
    void refusesWhatIsNotANotificationUrl(String bad) {
        assertThatThrownBy(() -> NotifyUrl.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neitherErrorsNorToStringRepeatTheSecret() {
        String secret = "https://example.com/token-abcdef#x";
        assertThatThrownBy(() -> NotifyUrl.parseAll(List.of("https://ok.example.com", secret)))
                .hasMessageStartingWith("entry 2 ")
                .hasMessageNotContaining("token-abcdef");
        assertThat(NotifyUrl.parse("slack+https://u:p@example.com/token-abcdef").toString())
                .doesNotContain("token-abcdef")
                .doesNotContain("example.com");
    }

    @Test
    void atMostTenUrls() {
        assertThatThrownBy(() -> NotifyUrl.parseAll(Collections.nCopies(11, "https://example.com")))
                .hasMessageContaining("at most 10");
    }
}
