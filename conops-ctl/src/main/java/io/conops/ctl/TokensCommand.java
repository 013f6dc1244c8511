package io.conops.ctl;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code conops-ctl tokens ...}: API tokens with roles (an admin token manages them). */
@Command(
        name = "tokens",
        mixinStandardHelpOptions = true,
        description = "Manage API tokens: admin, operator (read and sync) or viewer (read only).",
        subcommands = {TokensCreate.class, TokensList.class, TokensRevoke.class})
final class TokensCommand implements Callable<Integer> {
    static final String PATH = "/api/v1/tokens";

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
