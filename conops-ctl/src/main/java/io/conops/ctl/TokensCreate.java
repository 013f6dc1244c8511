package io.conops.ctl;

import io.conops.core.api.CreateTokenRequest;
import io.conops.core.api.TokenView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tokens create NAME --role R}: prints the new token's value, the one time it is shown. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Create an API token and print its value: it is shown this once, store it now.")
final class TokensCreate implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME", description = "The token's name, shown in the audit trail.")
    private String name;

    @Option(
            names = "--role",
            required = true,
            paramLabel = "ROLE",
            description = "admin, operator (read and sync) or viewer (read only).")
    private String role;

    @Option(
            names = "--apps",
            split = ",",
            paramLabel = "APP",
            description = "Limit the token to these apps (comma-separated); others look absent to it.")
    private List<String> apps;

    @Option(names = "--expires-in", paramLabel = "DURATION", description = "Lifetime, such as 30d or 12h.")
    private String expiresIn;

    @Override
    public Integer call() {
        JsonNode answer = global.client().post(TokensCommand.PATH, new CreateTokenRequest(name, role, apps, expiresIn));
        TokenView t = Json.read(answer, TokenView.class);
        global.print(
                answer,
                () -> List.of(
                        "created " + t.role() + " token '" + t.name() + "'"
                                + (t.expiresAt() == null ? "" : ", expires " + Text.time(t.expiresAt()))
                                + "; its value, shown only now:",
                        t.token()));
        return ExitCodes.OK;
    }
}
