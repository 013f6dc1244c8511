package io.conops.ctl;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code apps unpin NAME}: the app follows its branch again, and syncs to its head now. */
@Command(
        name = "unpin",
        mixinStandardHelpOptions = true,
        description = "Follow the branch again after a rollback: the head is synced now.")
final class AppsUnpin implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME", description = "App name or id.")
    private String name;

    @Override
    public Integer call() {
        JsonNode answer = global.client().post(ApiClient.app(name) + "/unpin", null);
        global.print(answer, () -> List.of("'" + name + "' follows its branch again; sync requested"));
        return ExitCodes.OK;
    }
}
