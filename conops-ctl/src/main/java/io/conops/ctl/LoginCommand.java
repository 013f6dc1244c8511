package io.conops.ctl;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code login}: checks the server and token (one authenticated request), then stores them as a
 * named context in the user's config file (0600) and makes it the current one.
 */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = "Store a server and token as a named context (0600 file in the user's config directory).")
final class LoginCommand implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Option(
            names = "--context",
            paramLabel = "NAME",
            defaultValue = "default",
            description = "Context name. Default: default.")
    private String context;

    @Override
    public Integer call() {
        global.client().get(ApiClient.APPS);
        Contexts contexts = Contexts.load(global.setup());
        contexts.put(new Contexts.Context(context, global.serverUri().toString(), global.token()));
        contexts.save();
        if (!global.json()) {
            global.out()
                    .println("logged in to " + global.serverUri() + " as context '" + context + "' (" + contexts.path()
                            + ")");
        }
        return ExitCodes.OK;
    }
}
