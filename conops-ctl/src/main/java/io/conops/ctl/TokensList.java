package io.conops.ctl;

import io.conops.core.api.TokenView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** {@code tokens list}: names, roles, apps and dates; never a value. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List API tokens (never their values).")
final class TokensList implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Override
    public Integer call() {
        JsonNode answer = global.client().get(TokensCommand.PATH);
        List<TokenView> tokens = Json.readList(answer, TokenView.class);
        global.print(answer, () -> {
            Table table = new Table("NAME", "ROLE", "APPS", "CREATED", "LAST USED", "EXPIRES");
            for (TokenView t : tokens) {
                table.row(
                        t.name(),
                        t.role(),
                        t.apps() == null || t.apps().isEmpty() ? "all" : String.join(",", t.apps()),
                        Text.time(t.createdAt()),
                        t.lastUsedAt() == null ? "never" : Text.ago(t.lastUsedAt(), global.now()),
                        t.expiresAt() == null ? "never" : Text.time(t.expiresAt()));
            }
            return table.lines();
        });
        return ExitCodes.OK;
    }
}
