package io.conops.ctl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A run of the client made only for the build's class data sharing archive (the cds profile in
 * conops-ctl/pom.xml), not a command: the commands users type most, in each output format and
 * with an error answer, against a stand-in on a loopback port that answers as ConOps does, so
 * that the archive holds what a real command loads (HTTP, JSON into the API's views, tables,
 * problem details) and not only what a refused connection does.
 */
final class CdsTraining {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String APP = """
            {"id":"6f1c0c52-5b0e-4b8e-9d6a-2f5e3c1d7a90","name":"training",
             "repo_url":"https://git.example/training.git","repo_auth_method":"public","branch":"main",
             "compose_path":"compose.yaml","poll_interval":"30s","status":"synced","health":"healthy",
             "last_seen_commit":"%1$s","last_synced_commit":"%1$s",
             "last_sync_at":"2026-03-01T10:15:30.123Z","last_error":null,"service_env_keys":["A"],
             "created_at":"2026-03-01T10:00:00Z","updated_at":"2026-03-01T10:15:31Z"}""".formatted(COMMIT);
    private static final String DEPLOYMENT = """
            {"id":7,"commit":"%s","commit_message":"bump","commit_author":"ann","trigger":"manual",
             "outcome":"succeeded","started_at":"2026-03-01T10:15:00Z","finished_at":"2026-03-01T10:15:30Z",
             "message":null,"transcript":"$ docker compose up","services":[]}""".formatted(COMMIT);
    private static final String SERVICE = """
            {"name":"web","state":"running","health":"healthy","container_ids":["c1"],"image":"nginx:1",
             "desired_hash":"%1$s","observed_hashes":["%1$s"],"in_sync":true,"reason":null,"detail":null}""".formatted(COMMIT);
    private static final String DIFF = """
            {"commit":"%1$s","deployed_commit":"%1$s","changes":false,"services":[{"name":"web","action":"none",
             "reasons":[],"desired_hash":"%1$s","deployed_hash":"%1$s","observed_hashes":["%1$s"]}]}""".formatted(COMMIT);
    private static final String MISSING = """
            {"type":"about:blank","title":"Not Found","status":404,"detail":"no app named 'missing'"}""";

    /** The command lines, most used first; {@code apps list} in every format. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("apps", "list"),
            List.of("apps", "list", "-o", "wide"),
            List.of("apps", "list", "-o", "json"),
            List.of("apps", "get", "training"),
            List.of("apps", "history", "training"),
            List.of("apps", "services", "training"),
            List.of("apps", "diff", "training"),
            List.of("apps", "sync", "training", "--wait"),
            List.of("apps", "get", "missing"),
            List.of("version"));

    private CdsTraining() {}

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/", CdsTraining::answer);
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            for (List<String> command : COMMANDS) {
                String[] line = new String[command.size() + 4];
                command.toArray(line);
                System.arraycopy(
                        new String[] {"--server", url, "--token", "cds-training-token"}, 0, line, command.size(), 4);
                ConopsCtl.run(sink, sink, line);
            }
        } finally {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int status = 200;
        String body;
        if (path.endsWith("/info")) {
            body = "{\"version\":\"training\"}";
        } else if (path.endsWith("/apps/")) {
            body = "[" + APP + "]";
        } else if (path.endsWith("/missing")) {
            status = 404;
            body = MISSING;
        } else if (path.endsWith("/deployments")) {
            body = "[" + DEPLOYMENT + "]";
        } else if (path.endsWith("/services")) {
            body = "[" + SERVICE + "]";
        } else if (path.endsWith("/diff")) {
            body = DIFF;
        } else if (path.endsWith("/sync")) {
            body = DEPLOYMENT;
        } else {
            body = APP;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
