package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPropertiesTest {
    @Test
    void unsetIsTheMachinesHostName() {
        assertThat(new HostProperties(null).hostName()).isEqualTo(HostProperties.machineHostName());
        assertThat(new HostProperties(" ").hostName()).isNotBlank();
    }

    @Test
    void aHostNameIsKept() {
        assertThat(new HostProperties("nas-1.home").hostName()).isEqualTo("nas-1.home");
    }

    @Test
    void aNameThatIsNotOneFolderNameStopsStartUpNamingTheVariable() {
        for (String bad : new String[] {"..", "../etc", "a/b", ".hidden", "h 1"}) {
            assertThatThrownBy(() -> new HostProperties(bad))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("CONOPS_HOST_NAME");
        }
    }
}
