package io.conops.ctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.JsonNode;

/**
 * Options every API command takes, mixed in rather than inherited: where the server is, how to
 * authenticate, and how to print. Also the place that turns them into an {@link ApiClient}.
 */
final class GlobalOptions {
    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    enum Output {
        TABLE,
        WIDE,
        JSON,
        YAML
    }

    /** Accepts the lowercase names users type, and says so when the value is wrong. */
    static final class OutputConverter implements ITypeConverter<Output> {
        @Override
        public Output convert(String value) {
            for (Output o : Output.values()) {
                if (o.name().equalsIgnoreCase(value)) {
                    return o;
                }
            }
            throw new TypeConversionException("expected table, wide, json or yaml, got '" + value + "'");
        }
    }

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(
            names = {"--server", "--url"},
            paramLabel = "URL",
            description = "ConOps server URL. Default: $CONOPS_SERVER, $CONOPS_URL (as the original ConOps),"
                    + " the current login context, else " + DEFAULT_SERVER + ".")
    private String server;

    // never given a defaultValue: picocli would show it in --help, and that would print the token
    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "API token. Default: $CONOPS_TOKEN. Prefer --token-file or the variable:"
                    + " command-line arguments are visible to other users.")
    private String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Read the API token from FILE.")
    private Path tokenFile;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            converter = OutputConverter.class,
            description =
                    "table or wide (for people), json or yaml (the server's answer, for scripts)." + " Default: table.")
    private Output output;

    private ApiClient client;

    ApiClient client() {
        if (client == null) {
            client = new ApiClient(serverUri(), resolveToken());
        }
        return client;
    }

    Setup setup() {
        return root().setup();
    }

    String token() {
        return resolveToken();
    }

    PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    /** How status words look in tables: coloured only on a terminal without NO_COLOR. */
    Style style() {
        return new Style(setup().colour());
    }

    java.time.Instant now() {
        return setup().clock().instant();
    }

    /** Prints the server's JSON as it is with {@code -o json} or yaml, else the table the command made of it. */
    void print(JsonNode answer, Supplier<List<String>> table) {
        print(answer, table, table);
    }

    /** As {@link #print(JsonNode, Supplier)}, with more columns for {@code -o wide}. */
    void print(JsonNode answer, Supplier<List<String>> table, Supplier<List<String>> wide) {
        switch (output) {
            case JSON -> {
                if (!answer.isMissingNode()) {
                    out().println(Json.pretty(answer));
                }
            }
            case YAML -> {
                if (!answer.isMissingNode()) {
                    out().print(Yaml.write(answer));
                }
            }
            case WIDE -> wide.get().forEach(out()::println);
            case TABLE -> table.get().forEach(out()::println);
        }
    }

    /** Machine-readable output: json or yaml. */
    boolean json() {
        return output == Output.JSON || output == Output.YAML;
    }

    private ConopsCtl root() {
        return (ConopsCtl) mixee.root().userObject();
    }

    URI serverUri() {
        String s = server != null ? server : setup().env().get("CONOPS_SERVER");
        if (s == null) {
            s = setup().env().get("CONOPS_URL");
        }
        if (s == null) {
            s = Contexts.load(setup()).current().map(Contexts.Context::server).orElse(DEFAULT_SERVER);
        }
        try {
            URI uri = new URI(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(s, "not an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CtlException(ExitCodes.USAGE, "--server: '" + s + "' is not an http:// or https:// URL");
        }
    }

    private String resolveToken() {
        if (token != null && tokenFile != null) {
            throw new CtlException(ExitCodes.USAGE, "--token and --token-file are mutually exclusive");
        }
        String t = token != null
                ? token
                : tokenFile != null ? readTokenFile() : setup().env().get("CONOPS_TOKEN");
        if (t == null
                && server == null
                && setup().env().get("CONOPS_SERVER") == null
                && setup().env().get("CONOPS_URL") == null) {
            t = Contexts.load(setup()).current().map(Contexts.Context::token).orElse(null);
        }
        if (t == null || t.isBlank()) {
            throw new CtlException(ExitCodes.AUTH, "no API token: " + Problems.TOKEN_HINT);
        }
        t = t.strip();
        root().redact(t);
        // a header value with CR/LF or controls would be rejected, or worse, split the request
        if (t.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new CtlException(ExitCodes.USAGE, "the API token contains spaces or control characters");
        }
        return t;
    }

    private String readTokenFile() {
        try {
            return Files.readString(tokenFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CtlException(ExitCodes.USAGE, "--token-file: " + tokenFile + " does not exist");
        } catch (IOException e) {
            throw new CtlException(ExitCodes.USAGE, "--token-file: cannot read " + tokenFile + ": " + e.getMessage());
        }
    }
}
