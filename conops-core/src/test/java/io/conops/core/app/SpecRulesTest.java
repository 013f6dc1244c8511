package io.conops.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecRulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"web", "my-app", "app_2", "0day"})
    void composeProjectNamesAreAccepted(String name) {
        assertThatCode(() -> SpecRules.checkName(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "My-App", "-app", "_app", "app name", "app.name", "ümlaut"})
    void otherNamesAreRejectedNamingTheField(String name) {
        assertThatThrownBy(() -> SpecRules.checkName(name))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void aNewAppCannotTakeTheNameOfAPageOfTheWebUi() {
        assertThatThrownBy(() -> SpecRules.checkNewName("new"))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.reason()).contains("reserved");
                });
        assertThatCode(() -> SpecRules.checkName("new")).doesNotThrowAnyException();
        assertThatCode(() -> SpecRules.checkNewName("news")).doesNotThrowAnyException();
        assertThatThrownBy(() -> SpecRules.checkNewName("Web")).isInstanceOf(InvalidSpecException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../compose.yaml", "a/../../b.yaml", "/etc/compose.yaml", "deploy/", "C:\\x.yaml", ""})
    void composePathsThatLeaveTheCheckoutAreRejected(String path) {
        assertThatThrownBy(() -> SpecRules.checkComposePath(path))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("compose_path"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"compose.yaml", "deploy/prod/docker-compose.yml", "a..b/compose.yaml"})
    void relativeComposePathsAreAccepted(String path) {
        assertThatCode(() -> SpecRules.checkComposePath(path)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://github.com/o/r.git",
                "ssh://git@host:2222/o/r.git",
                "git@github.com:o/r.git",
                "file:///srv/r.git"
            })
    void supportedRepositoryUrlsAreAccepted(String url) {
        assertThatCode(() -> SpecRules.checkRepoUrl(url)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://host/r.git",
                "not a url",
                "https://",
                "relative/path",
                "https://127.0.0.1:99999/x",
                "ssh://git@host:0/r.git"
            })
    void otherRepositoryUrlsAreRejected(String url) {
        assertThatThrownBy(() -> SpecRules.checkRepoUrl(url))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("repo_url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "release/1.2", "feature-x"})
    void branchNamesAreAccepted(String b) {
        assertThatCode(() -> SpecRules.checkBranch(b)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-x", "a..b", "a b", "x.lock", "a~1", "refs:x"})
    void invalidBranchNamesAreRejected(String b) {
        assertThatThrownBy(() -> SpecRules.checkBranch(b)).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void pollIntervalBelowOneSecondIsRejected() {
        assertThatThrownBy(() -> SpecRules.checkPollInterval(Duration.ofMillis(500)))
                .hasMessage("poll_interval: must be at least 1s");
        assertThatCode(() -> SpecRules.checkPollInterval(Duration.ofSeconds(1))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b.yaml", "x\uD83D"})
    void aLoneSurrogateIsNoComposePathOrBranch(String text) {
        assertThatThrownBy(() -> SpecRules.checkComposePath(text))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("compose_path");
        assertThatThrownBy(() -> SpecRules.checkBranch(text)).isInstanceOf(InvalidSpecException.class);
        assertThatCode(() -> SpecRules.checkComposePath("emoji-\uD83D\uDE00/compose.yaml"))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../hosts", "hosts/../..", "/etc", "a//b", "./hosts", "C:\\hosts"})
    void overlayDirsThatLeaveTheCheckoutAreRejected(String dir) {
        assertThatThrownBy(() -> SpecRules.checkOverlayDir(dir))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("overlay_dir"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosts", "", "deploy/machines", "hosts/"})
    void plainOverlayDirsAndEmptyAreAccepted(String dir) {
        assertThatCode(() -> SpecRules.checkOverlayDir(dir)).doesNotThrowAnyException();
    }

    @Test
    void layoutsAreReadByTheirWireNames() {
        assertThat(Layout.fromWire("homelab-gitops")).isEqualTo(Layout.HOMELAB_GITOPS);
        assertThat(Layout.COMPOSE.wire()).isEqualTo("compose");
        assertThatThrownBy(() -> Layout.fromWire("helm")).hasMessage("must be one of compose, homelab-gitops");
    }
}
