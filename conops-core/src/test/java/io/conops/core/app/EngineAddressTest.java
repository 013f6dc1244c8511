package io.conops.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineAddressTest {

    @Test
    void emptyIsTheLocalEngine() {
        assertThat(EngineAddress.parse(null)).isNull();
        assertThat(EngineAddress.parse(" ")).isNull();
    }

    @Test
    void unixSocketIsAnAbsolutePath() {
        EngineAddress a = EngineAddress.parse("unix:///run/podman/podman.sock");
        assertThat(a.isSsh()).isFalse();
        assertThat(a.path()).isEqualTo("/run/podman/podman.sock");
        assertThat(a).hasToString("unix:///run/podman/podman.sock");
    }

    @Test
    void sshNamesUserHostAndPortWithTwentyTwoByDefault() {
        EngineAddress a = EngineAddress.parse("ssh://deploy@edge-1.example.org");
        assertThat(a.isSsh()).isTrue();
        assertThat(a.user()).isEqualTo("deploy");
        assertThat(a.host()).isEqualTo("edge-1.example.org");
        assertThat(a.port()).isEqualTo(22);
        assertThat(a).hasToString("ssh://deploy@edge-1.example.org");
        assertThat(EngineAddress.parse("ssh://root@127.0.0.1:2222")).hasToString("ssh://root@127.0.0.1:2222");
    }

    @Test
    void tcpNamesHostAndPortWith2376ByDefault() {
        EngineAddress a = EngineAddress.parse("tcp://10.0.0.2");
        assertThat(a.isTcp()).isTrue();
        assertThat(a.isSsh()).isFalse();
        assertThat(a.host()).isEqualTo("10.0.0.2");
        assertThat(a.port()).isEqualTo(2376);
        assertThat(a).hasToString("tcp://10.0.0.2:2376");
        assertThat(EngineAddress.parse("TCP://docker.example.org:12376")).hasToString("tcp://docker.example.org:12376");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "unix://relative.sock",
                "unix:///run/../etc/x.sock",
                "unix:///run/a b.sock",
                "unix:///run/x.sock;rm",
                "ssh://host",
                "ssh://-oProxyCommand=x@host",
                "ssh://user@-oProxyCommand",
                "ssh://user@host/path",
                "ssh://user@host?x=1",
                "tcp://user@10.0.0.2:2376",
                "tcp://10.0.0.2:2376/path",
                "tcp://-oX:2376",
                "tcp://",
                "npipe:////./pipe/docker_engine",
                "/var/run/docker.sock"
            })
    void refusesWhatItCannotUseNamingTheField(String text) {
        assertThatThrownBy(() -> EngineAddress.parse(text))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("docker_host"));
    }
}
