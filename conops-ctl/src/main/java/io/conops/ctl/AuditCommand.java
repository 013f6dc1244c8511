package io.conops.ctl;

import io.conops.core.api.AuditEntryView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code conops-ctl audit}: the audit trail, newest first (an admin token reads it). */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Show the audit trail, newest first: who changed what, from where, how it ended.")
final class AuditCommand implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Option(names = "--app", paramLabel = "NAME", description = "Only entries about this app.")
    private String app;

    @Option(names = "--limit", paramLabel = "N", description = "At most this many entries (1 to 1000, default 100).")
    private Integer limit;

    @Override
    public Integer call() {
        StringBuilder path = new StringBuilder("/api/v1/audit?");
        if (app != null) {
            path.append("app=")
                    .append(URLEncoder.encode(app, StandardCharsets.UTF_8))
                    .append('&');
        }
        if (limit != null) {
            path.append("limit=").append(limit);
        }
        JsonNode answer = global.client().get(path.toString());
        List<AuditEntryView> entries = Json.readList(answer, AuditEntryView.class);
        global.print(answer, () -> {
            Table table = new Table("WHEN", "TOKEN", "FROM", "ACTION", "APP", "OUTCOME");
            for (AuditEntryView e : entries) {
                table.row(
                        Text.time(e.at()),
                        e.token() == null ? "-" : e.token(),
                        e.remoteAddress() == null ? "-" : e.remoteAddress(),
                        e.action(),
                        e.app() != null ? e.app() : e.target() != null ? "token " + e.target() : "-",
                        e.outcome());
            }
            return table.lines();
        });
        return ExitCodes.OK;
    }
}
