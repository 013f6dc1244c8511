package io.conops.ctl;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code apps delete NAME}: stops the app's containers and forgets it; named volumes stay unless asked. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete an app: 'compose down' its project and forget it. Named volumes are kept"
                + " unless --remove-volumes is given.")
final class AppsDelete implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME", description = "App name or id.")
    private String name;

    @Option(names = "--remove-volumes", description = "Also remove the project's named volumes: their data is lost.")
    private boolean removeVolumes;

    @Option(
            names = {"-y", "--yes"},
            description = "Do not ask for confirmation.")
    private boolean yes;

    @Override
    public Integer call() {
        String what = "delete app '" + name + "'" + (removeVolumes ? " and its named volumes" : "");
        if (!yes && !global.setup().confirm().ask(what)) {
            throw new CtlException(ExitCodes.UNEXPECTED, "not deleted: not confirmed");
        }
        // compose down may take as long as the slowest container's stop grace period
        try (Progress.Shown p = Progress.show(global, "deleting '" + name + "'")) {
            global.client().delete(ApiClient.app(name) + (removeVolumes ? "?remove_volumes=true" : ""));
        }
        if (!global.json()) {
            global.out()
                    .println("deleted app '" + name + "'"
                            + (removeVolumes ? " and its named volumes" : "; named volumes kept"));
        }
        return ExitCodes.OK;
    }
}
