package io.conops.ctl;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tokens revoke NAME}: the token is refused from its next request on. */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API token at once.")
final class TokensRevoke implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME", description = "The token's name.")
    private String name;

    @Override
    public Integer call() {
        global.client()
                .delete(TokensCommand.PATH + "/"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        if (!global.json()) {
            global.out().println("revoked token '" + name + "'");
        }
        return ExitCodes.OK;
    }
}
