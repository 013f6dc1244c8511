package io.conops.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpTest {
    private final Cli cli = new Cli().env("CONOPS_TOKEN", Cli.TOKEN);

    @Test
    void helpListsCommandsAndEveryExitCode() {
        var result = cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("apps").contains("Exit codes:");
        ExitCodes.descriptions()
                .forEach((code, text) -> assertThat(result.out()).contains(code + "   " + text));
    }

    @Test
    void subcommandHelpShowsGlobalOptionsButNeverTheToken() {
        var result = cli.run("apps", "sync", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("--server=URL", "--token-file=FILE", "--wait", "--timeout=DURATION", "Exit codes:");
        assertThat(result.out()).doesNotContain(Cli.TOKEN);
    }

    @Test
    void versionIsPrinted() {
        var result = cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("conops-ctl ");
    }
}
