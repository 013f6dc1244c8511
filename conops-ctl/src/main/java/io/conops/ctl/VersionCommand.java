package io.conops.ctl;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** {@code version}: the client's version and the server's ({@code GET /api/v1/info}). */
@Command(
        name = "version",
        mixinStandardHelpOptions = true,
        description = "Print the client's and the server's version.")
final class VersionCommand implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Override
    public Integer call() {
        JsonNode info = global.client().get("/api/v1/info");
        var answer = Json.MAPPER.createObjectNode();
        answer.put("client", ConopsCtl.version());
        answer.put("server", info.path("version").asString("unknown"));
        global.print(
                answer,
                () -> List.of(
                        "client: conops-ctl " + ConopsCtl.version(),
                        "server: " + Text.cell(answer.get("server").asString())));
        return ExitCodes.OK;
    }
}
