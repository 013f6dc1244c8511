package io.conops.ctl;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code contexts list|use NAME}: the servers 'login' stored, and which one commands use. */
@Command(
        name = "contexts",
        mixinStandardHelpOptions = true,
        description = "List the stored login contexts, or switch to one.",
        subcommands = {ContextsCommand.ListContexts.class, ContextsCommand.Use.class})
final class ContextsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List contexts; '*' marks the current.")
    static final class ListContexts implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            Contexts c = Contexts.load(((ConopsCtl) spec.root().userObject()).setup());
            Table t = new Table("CURRENT", "NAME", "SERVER");
            c.all().values().forEach(x -> t.row(x.name().equals(c.currentName()) ? "*" : "", x.name(), x.server()));
            t.lines().forEach(spec.commandLine().getOut()::println);
            return ExitCodes.OK;
        }
    }

    @Command(name = "use", mixinStandardHelpOptions = true, description = "Make NAME the current context.")
    static final class Use implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        private String name;

        @Override
        public Integer call() {
            Contexts c = Contexts.load(((ConopsCtl) spec.root().userObject()).setup());
            c.use(name);
            c.save();
            spec.commandLine().getOut().println("now using context '" + name + "'");
            return ExitCodes.OK;
        }
    }
}
