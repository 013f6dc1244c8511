package io.conops.ctl;

import io.conops.core.api.DeploymentView;
import io.conops.core.app.Durations;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.JsonNode;

/** {@code apps sync NAME [--wait [--timeout 5m]]}: asks for a sync now, and optionally waits for its end. */
@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = "Sync an app now: look at the branch head and apply it if anything differs.")
final class AppsSync implements Callable<Integer> {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME", description = "App name or id.")
    private String name;

    @Option(names = "--wait", description = "Wait for the sync to end; exit 9 if it failed, 10 if --timeout ran out.")
    private boolean await;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "With --wait: give up after this long, e.g. 90s, 10m (exit 10). Default: 5m, at most 10m.")
    private Duration timeout;

    @Override
    public Integer call() {
        if (timeout != null && !await) {
            throw new CtlException(ExitCodes.USAGE, "--timeout only applies with --wait");
        }
        String path = ApiClient.app(name);
        if (!await) {
            JsonNode accepted = global.client().post(path + "/sync", null);
            global.print(accepted, () -> List.of("sync of '" + name + "' requested"));
            return ExitCodes.OK;
        }
        Duration wait = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (wait.compareTo(MAX_TIMEOUT) > 0) {
            throw new CtlException(ExitCodes.USAGE, "--timeout: at most 10m (the server waits no longer)");
        }
        // the server waits for the very sync this request starts, and says how it ended
        JsonNode answer;
        try (Progress.Shown p = Progress.show(global, "syncing '" + name + "'")) {
            // the server answers when the wait ends; leave it time to say so
            answer = global.client().post(path + "/sync?wait=" + wait.toMillis() + "ms", null, wait.plusSeconds(30));
        }
        if (!answer.has("outcome")) {
            throw new CtlException(
                    ExitCodes.WAIT_TIMEOUT,
                    "gave up waiting for '" + name + "' after " + Durations.format(wait) + ": status is "
                            + answer.path("status").asString("unknown"));
        }
        DeploymentView d = Json.read(answer, DeploymentView.class);
        // a sync cut short (the server stopped mid-way) did not deploy the commit either
        if (d.outcome() == DeploymentView.Outcome.FAILED || d.outcome() == DeploymentView.Outcome.INTERRUPTED) {
            String why = d.message() == null ? "no message" : d.message();
            throw new CtlException(
                    ExitCodes.SYNC_FAILED,
                    "sync of '" + name + "' " + Text.wire(d.outcome()) + " at " + Text.shortCommit(d.commit()) + ": "
                            + why);
        }
        global.print(
                answer,
                () -> List.of(name + ": " + Text.wire(d.outcome()) + ", commit " + Text.shortCommit(d.commit())));
        return ExitCodes.OK;
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
