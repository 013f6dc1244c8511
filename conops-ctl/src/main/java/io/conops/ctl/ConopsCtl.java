package io.conops.ctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code conops-ctl}. Wires the command tree and owns the one rule for failures:
 * exactly one line on stderr, never a stack trace, never the token, and an exit code from {@link
 * ExitCodes}.
 */
@Command(
        name = "conops-ctl",
        mixinStandardHelpOptions = true,
        versionProvider = ConopsCtl.Version.class,
        description = "Command-line client of the ConOps REST API: GitOps for Docker Compose.",
        subcommands = {
            AppsCommand.class,
            TokensCommand.class,
            AuditCommand.class,
            LoginCommand.class,
            ContextsCommand.class,
            VersionCommand.class,
            CompletionCommand.class
        })
public final class ConopsCtl implements Callable<Integer> {
    // a secret is redacted where it stands as a whole token, so a one-letter test token "t"
    // does not mangle every word that contains a t (token characters per RFC 6750; '=' only
    // trails a token, and precedes one in --token=VALUE)
    private static final String NOT_TOKEN_BEFORE = "(?<![A-Za-z0-9._~+/-])";
    private static final String NOT_TOKEN_AFTER = "(?![A-Za-z0-9._~+/=-])";

    private final Setup setup;
    private final List<String> secrets = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description =
                    "On an error, print the rest after its one line: the server's whole answer" + " and the causes.")
    private boolean verbose;

    private ConopsCtl(Setup setup) {
        this.setup = setup;
    }

    public static void main(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /** Runs one command line; output goes to {@code out}, errors to {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, Setup.system(), args);
    }

    static int run(PrintWriter out, PrintWriter err, Setup setup, String... args) {
        ConopsCtl root = new ConopsCtl(setup);
        // a parse error may quote any argument back, including the value of --token
        tokenArguments(args).forEach(root::redact);
        CommandLine cli = new CommandLine(root)
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(root::onUsageError)
                .setExecutionExceptionHandler(root::onFailure);
        listExitCodes(cli);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    static String version() {
        String v = ConopsCtl.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    Setup setup() {
        return setup;
    }

    /** Remembers a secret so that no error line can print it. */
    void redact(String secret) {
        if (secret != null && !secret.isBlank()) {
            secrets.add(secret.strip());
        }
    }

    private int onUsageError(ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        printError(e.getCommandLine().getErr(), e.getMessage() + " (see '" + command + " --help')");
        return ExitCodes.USAGE;
    }

    private int onFailure(Exception e, CommandLine cli, ParseResult parsed) {
        if (e instanceof CtlException failure) {
            printError(cli.getErr(), failure.getMessage());
            printDetails(cli.getErr(), failure.details(), failure.getCause());
            return failure.exitCode();
        }
        String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
        printError(cli.getErr(), "unexpected " + e.getClass().getName() + detail);
        printDetails(cli.getErr(), null, e.getCause());
        return ExitCodes.UNEXPECTED;
    }

    /** With --verbose: the server's answer and the chain of causes, redacted like the error line. */
    private void printDetails(PrintWriter err, String details, Throwable cause) {
        if (!verbose) {
            return;
        }
        List<String> lines = new ArrayList<>();
        if (details != null) {
            lines.addAll(details.lines().toList());
        }
        for (Throwable t = cause; t != null && lines.size() < 50; t = t.getCause()) {
            lines.add("caused by " + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        }
        lines.forEach(line -> err.println("  " + redacted(Text.oneLine(line))));
    }

    private void printError(PrintWriter err, String message) {
        err.println("error: " + redacted(Text.oneLine(message)));
    }

    private String redacted(String line) {
        for (String secret : secrets) {
            line = Pattern.compile(NOT_TOKEN_BEFORE + Pattern.quote(secret) + NOT_TOKEN_AFTER)
                    .matcher(line)
                    .replaceAll("****");
        }
        return line;
    }

    private static List<String> tokenArguments(String[] args) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--token") && i + 1 < args.length) {
                values.add(args[i + 1]);
            } else if (args[i].startsWith("--token=")) {
                values.add(args[i].substring("--token=".length()));
            }
        }
        return values;
    }

    private static void listExitCodes(CommandLine cli) {
        cli.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.descriptions());
        cli.getSubcommands().values().forEach(ConopsCtl::listExitCodes);
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"conops-ctl " + version()};
        }
    }
}
