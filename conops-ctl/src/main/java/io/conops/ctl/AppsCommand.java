package io.conops.ctl;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code conops-ctl apps ...}: the group; each verb is its own class. */
@Command(
        name = "apps",
        mixinStandardHelpOptions = true,
        description = "Manage apps: a Git repository, branch and compose file that ConOps keeps deployed.",
        subcommands = {
            AppsList.class,
            AppsGet.class,
            AppsAdd.class,
            AppsCreate.class,
            AppsUpdate.class,
            AppsSync.class,
            AppsRollback.class,
            AppsUnpin.class,
            AppsHistory.class,
            AppsServices.class,
            AppsDiff.class,
            AppsLogs.class,
            AppsDelete.class
        })
final class AppsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
