package io.conops.server.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnContainerTest {
    static final String ID = "7ed3f511c613a2fbbc11d17407bc5d63f12b4f5ffb2b13547077c4258b392b79";
    static final String OTHER = "a91450e8c6a0d04abcafc83e82fe2b74b571edb2cf7c340f41b0bc561ec5c16a";

    @Test
    void inAContainerTheIdOfTheMountedHostnameFileComesFirstThenTheHostname() {
        String mountinfo = """
                184 138 0:61 / /dev/shm rw - tmpfs shm rw
                185 138 254:0 /var/lib/docker/containers/%s/hostname /etc/hostname rw,relatime - ext4 /dev/vda rw
                186 138 254:0 /var/lib/docker/containers/%s/hosts /etc/hosts rw,relatime - ext4 /dev/vda rw
                """.formatted(ID, ID);

        OwnContainer self = OwnContainer.of(true, mountinfo, "0::/\n", "7ed3f511c613");

        assertThat(self.candidates()).containsExactly(ID, "7ed3f511c613");
    }

    @Test
    void theCgroupOfThisProcessNamesTheContainerOnCgroupV1() {
        OwnContainer self = OwnContainer.of(false, "", "9:name=systemd:/docker/" + ID + "\n", "conops");

        assertThat(self.candidates()).containsExactly(ID);
    }

    @Test
    void aHostThatRunsContainersIsNotInOne() {
        // the host's mount table lists its containers' shm mounts, under their ids
        String mountinfo = "43 27 0:62 / /var/lib/docker/containers/" + OTHER + "/mounts/shm rw - tmpfs shm rw\n";

        OwnContainer self = OwnContainer.of(false, mountinfo, "0::/init.scope\n", "host1");

        assertThat(self.candidates()).isEmpty();
    }

    @Test
    void withOnlyTheDockerenvFileAHostnameThatIsAShortIdIsAskedAbout() {
        assertThat(OwnContainer.of(true, "", "", "2fa528a8db93").candidates()).containsExactly("2fa528a8db93");
        // a name set by hand (or a sandbox's own) could be some other container's
        assertThat(OwnContainer.of(true, "", "", "web").candidates()).isEmpty();
    }
}
