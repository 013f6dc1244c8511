package io.conops.ctl;

import io.conops.core.api.AppView;
import io.conops.core.app.Durations;
import io.conops.core.app.SyncStatus;
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

    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME", description = "App name or id.")
    private String name;

    @Option(names = "--wait", description = "Wait until the app is synced or in error; exit 9 if in error.")
    private boolean await;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "With --wait: give up after this long, e.g. 90s, 10m (exit 10). Default: 5m.")
    private Duration timeout;

    @Override
    public Integer call() {
        if (timeout != null && !await) {
            throw new CtlException(ExitCodes.USAGE, "--timeout only applies with --wait");
        }
        String path = ApiClient.app(name);
        // the state before asking is what tells a finished new sync from the previous one
        AppView before = await ? Json.read(global.client().get(path), AppView.class) : null;
        JsonNode accepted = global.client().post(path + "/sync", null);
        if (!await) {
            global.print(accepted, () -> List.of("sync of '" + name + "' requested"));
            return ExitCodes.OK;
        }
        SyncWaiter waiter = new SyncWaiter(global.client(), path, global.setup().pollEvery());
        JsonNode last = waiter.await(before, timeout == null ? DEFAULT_TIMEOUT : timeout);
        AppView app = Json.read(last, AppView.class);
        if (app.status() == SyncStatus.ERROR) {
            String why = app.lastError() == null ? "no message" : app.lastError();
            throw new CtlException(ExitCodes.SYNC_FAILED, "sync of '" + name + "' ended in error: " + why);
        }
        global.print(last, () -> List.of(Views.syncResult(app)));
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
