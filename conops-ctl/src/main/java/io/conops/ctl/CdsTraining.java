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

/**
 * A run of the client made only for the build's class data sharing archive (the cds profile in
 * conops-ctl/pom.xml), not a command: the commands users type most, against a stand-in on a
 * loopback port that answers as ConOps does, so that the archive holds what a real command loads
 * (HTTP, JSON into the API's views, tables) and not only what a refused connection does.
 */
final class CdsTraining {
    private static final String APP = """
            {"id":"6f1c0c52-5b0e-4b8e-9d6a-2f5e3c1d7a90","name":"training",
             "repo_url":"https://git.example/training.git","repo_auth_method":"public","branch":"main",
             "compose_path":"compose.yaml","poll_interval":"30s","status":"synced","health":"healthy",
             "last_seen_commit":"0123456789abcdef0123456789abcdef01234567",
             "last_synced_commit":"0123456789abcdef0123456789abcdef01234567",
             "last_sync_at":"2026-03-01T10:15:30.123Z","last_error":null,
             "created_at":"2026-03-01T10:00:00Z","updated_at":"2026-03-01T10:15:31Z"}""";

    private CdsTraining() {}

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/apps/", CdsTraining::answer);
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            for (String[] command : new String[][] {{"apps", "list"}, {"apps", "get", "training"}}) {
                String[] line = new String[command.length + 4];
                System.arraycopy(command, 0, line, 0, command.length);
                System.arraycopy(
                        new String[] {"--server", url, "--token", "cds-training-token"}, 0, line, command.length, 4);
                ConopsCtl.run(sink, sink, line);
            }
        } finally {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String body = exchange.getRequestURI().getPath().endsWith("/apps/") ? "[" + APP + "]" : APP;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
