package io.conops.ctl;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code apps add [FILE]}: the original ConOps' spelling of {@code apps create -f FILE}. */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description =
                "Register an app from FILE (JSON or YAML, the original ConOps' examples/*.json shape) and/or flags.")
final class AppsAdd implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Mixin
    private AppFields fields;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "App fields as JSON or YAML.")
    private Path file;

    @Override
    public Integer call() {
        if (file != null) {
            if (fields.file != null) {
                throw new CtlException(ExitCodes.USAGE, "give FILE or -f FILE, not both");
            }
            fields.file = file;
        }
        return AppsCreate.create(global, fields);
    }
}
