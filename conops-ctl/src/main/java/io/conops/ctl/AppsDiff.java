package io.conops.ctl;

import io.conops.core.api.DiffView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code apps diff NAME}: what the next sync would do, per service, and why. */
@Command(name = "diff", mixinStandardHelpOptions = true, description = "Show what the next sync would change, and why.")
final class AppsDiff implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME", description = "App name or id.")
    private String name;

    @Override
    public Integer call() {
        JsonNode answer = global.client().get(ApiClient.app(name) + "/diff");
        DiffView diff = Json.read(answer, DiffView.class);
        global.print(answer, () -> table(diff));
        return ExitCodes.OK;
    }

    private static List<String> table(DiffView d) {
        List<String> lines = new ArrayList<>();
        lines.add("Commit " + Text.shortCommit(d.commit()) + " (deployed " + Text.shortCommit(d.deployedCommit())
                + "): " + (d.changes() ? "changes" : "no changes"));
        Table t = new Table("SERVICE", "ACTION", "WHY");
        for (DiffView.ServiceDiff s : d.services()) {
            t.row(s.name(), s.action() == null ? null : Text.wire(s.action()), String.join("; ", s.reasons()));
        }
        lines.addAll(t.lines());
        return lines;
    }
}
