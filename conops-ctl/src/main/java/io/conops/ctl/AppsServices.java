package io.conops.ctl;

import io.conops.core.api.ServiceView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code apps services NAME}: each live service, its state, health and whether it is in sync. */
@Command(name = "services", mixinStandardHelpOptions = true, description = "Show an app's services as they run now.")
final class AppsServices implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME", description = "App name or id.")
    private String name;

    @Override
    public Integer call() {
        JsonNode answer = global.client().get(ApiClient.app(name) + "/services");
        List<ServiceView> services = Json.readList(answer, ServiceView.class);
        global.print(answer, () -> table(services, false, global.style()), () -> table(services, true, global.style()));
        return ExitCodes.OK;
    }

    private static List<String> table(List<ServiceView> services, boolean wide, Style style) {
        Table t = wide
                ? new Table("SERVICE", "STATE", "HEALTH", "IN SYNC", "REASON", "IMAGE", "HASH", "DETAIL")
                : new Table("SERVICE", "STATE", "HEALTH", "IN SYNC", "REASON");
        for (ServiceView s : services) {
            String reason = s.reason() == null ? null : Text.wire(s.reason());
            if (wide) {
                t.row(
                        s.name(),
                        s.state(),
                        Text.wire(s.health()),
                        s.inSync() ? "yes" : "no",
                        reason,
                        s.image(),
                        Text.shortCommit(s.desiredHash()),
                        s.detail());
            } else {
                t.row(s.name(), s.state(), Text.wire(s.health()), s.inSync() ? "yes" : "no", reason);
            }
        }
        return t.paint(2, style::status).lines();
    }
}
