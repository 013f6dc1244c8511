package io.conops.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshForwardsTest {
    static final List<String> COMMAND = List.of(
            "ssh",
            "-F",
            "/data/engines/ab/ssh_config",
            "-N",
            "-L",
            "/data/engines/ab/docker.sock:/var/run/docker.sock",
            "conops-engine");

    @TempDir
    Path tmp;

    private static byte[] cmdline(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyTheExactRecordedCommandMatches() {
        String exact = String.join("\0", COMMAND) + "\0";
        assertThat(SshForwards.matches(COMMAND, cmdline(exact))).isTrue();
        assertThat(SshForwards.matches(COMMAND, cmdline(exact.substring(0, exact.length() - 1))))
                .as("cut short")
                .isFalse();
        assertThat(SshForwards.matches(COMMAND, cmdline(exact.replace("/ab/", "/cd/"))))
                .isFalse();
        assertThat(SshForwards.matches(COMMAND, cmdline(exact + "-v\0")))
                .as("an argument more")
                .isFalse();
        assertThat(SshForwards.matches(COMMAND, cmdline(String.join(" ", COMMAND) + "\0")))
                .as("the same words as one argument")
                .isFalse();
        assertThat(SshForwards.matches(COMMAND, cmdline("sleep\0" + "1000\0"))).isFalse();
        assertThat(SshForwards.matches(COMMAND, new byte[0]))
                .as("a zombie or kernel thread")
                .isFalse();
        assertThat(SshForwards.matches(COMMAND, null)).as("unreadable").isFalse();
        assertThat(SshForwards.matches(List.of(), cmdline("\0"))).isFalse();
    }

    @Test
    void theRecordIsPrivateWhileAForwardRunsAndGoneWhenNoneDoes() throws Exception {
        Path file = tmp.resolve("engines").resolve(SshForwards.FILE);
        SshForwards forwards = new SshForwards(file);
        forwards.started(4242, COMMAND);
        assertThat(Files.readString(file)).contains("4242").contains("conops-engine");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        forwards.stopped(4242);
        assertThat(file).doesNotExist();
    }
}
