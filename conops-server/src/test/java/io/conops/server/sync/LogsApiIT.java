package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.support.UiSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given a deployed app whose services write lines, {@code GET /api/v1/apps/{id}/logs} answers its
 * last lines as {@code <service> | <line>} from the Engine API, follows new ones while asked, and
 * refuses an unknown service, a bad tail and a request without the token.
 */
class LogsApiIT {
    static final String APP = "conops-test-logsapi";
    static final String QUIET = "conops-test-logsapi-quiet";

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void deploy() {
        server = TestServer.start(tmp.resolve("data"));
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("two services that talk", Map.of("compose.yaml", """
                services:
                  web:
                    image: local/busybox:1
                    init: true
                    command: ["sh", "-c", "i=0; while [ $$i -lt 300 ]; do i=$$((i+1)); echo line $$i; done; exec sleep 100000"]
                  ticker:
                    image: local/busybox:1
                    init: true
                    command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo tick $$i; sleep 0.3; done"]
                """));
        server.register(APP, repo.url(), null);
        TestRepo quiet = TestRepo.create(tmp.resolve("quiet"));
        quiet.commit("one service that says one thing", Map.of("compose.yaml", """
                services:
                  web:
                    image: local/busybox:1
                    init: true
                    command: ["sh", "-c", "echo said once; exec sleep 100000"]
                """));
        server.register(QUIET, quiet.url(), null);
        for (String app : List.of(APP, QUIET)) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> server.app(app).get("status").asString().equals("synced"));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> lines(server.call("GET", logs("?service=web&tail=1"), null)
                                .body())
                        .equals(List.of("web | line 300")));
    }

    @AfterAll
    static void stop() {
        try {
            server.call("DELETE", "/api/v1/apps/" + APP + "?remove_volumes=true", null);
            server.call("DELETE", "/api/v1/apps/" + QUIET + "?remove_volumes=true", null);
            server.close();
        } finally {
            Docker.purge(APP);
            Docker.purge(QUIET);
        }
    }

    static String logs(String query) {
        return "/api/v1/apps/" + APP + "/logs" + query;
    }

    static List<String> lines(String body) {
        return body.isEmpty() ? List.of() : List.of(body.split("\n"));
    }

    @Test
    void theLastLinesOfAServiceArePlainTextPrefixedWithItsName() {
        HttpResponse<String> r = server.call("GET", logs("?service=web"), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
        List<String> lines = lines(r.body());
        assertThat(lines).hasSize(100).allMatch(l -> l.startsWith("web | line "));
        assertThat(lines.get(0)).isEqualTo("web | line 201");
        assertThat(lines.get(99)).isEqualTo("web | line 300");

        assertThat(lines(server.call("GET", logs("?service=web&tail=250"), null).body()))
                .hasSize(250)
                .startsWith("web | line 51");
        assertThat(lines(server.call("GET", logs("?service=web&tail=0"), null).body()))
                .isEmpty();
    }

    @Test
    void withoutAServiceEveryServiceIsShownEachUnderItsName() {
        List<String> lines = lines(server.call("GET", logs("?tail=5"), null).body());
        assertThat(lines).hasSize(10);
        assertThat(lines.stream().filter(l -> l.startsWith("web | line "))).hasSize(5);
        assertThat(lines.stream().filter(l -> l.startsWith("ticker | tick "))).hasSize(5);
    }

    @Test
    void followStreamsNewLinesAsTheyAreWritten() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url(logs("?service=ticker&tail=1&follow=true"))))
                .header("Authorization", "Bearer " + TestServer.TOKEN)
                .build();
        HttpResponse<Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        List<Integer> ticks = new ArrayList<>();
        try (Stream<String> body = r.body()) {
            Iterator<String> it = body.iterator();
            while (ticks.size() < 4) {
                String line = it.next();
                assertThat(line).startsWith("ticker | tick ");
                ticks.add(Integer.parseInt(line.substring("ticker | tick ".length())));
            }
        }
        // the first is the tail, the others were written after the request: they came while it was open
        assertThat(ticks).isSorted().doesNotHaveDuplicates();
        assertThat(ticks.get(3)).isGreaterThan(ticks.get(0));
    }

    @Test
    void aFollowerOfAQuietServiceIsReleasedWhenItsClientLeaves() throws IOException {
        AppLogs logs = server.bean(AppLogs.class);
        try (Socket client = new Socket("127.0.0.1", server.port)) {
            send(client, logs("?service=web&tail=1&follow=true"), "Authorization: Bearer " + TestServer.TOKEN);
            readUntil(client, "web | line 300");
            assertThat(logs.openReadings()).isPositive();
        } // the client leaves; web writes nothing more, so no line would ever tell the server
        awaitReleased(logs);
    }

    @Test
    void theWebUisLogPanelOfAQuietAppIsReleasedWhenTheBrowserLeaves() throws IOException {
        AppLogs logs = server.bean(AppLogs.class);
        UiSession ui = new UiSession(server);
        assertThat(ui.login(TestServer.TOKEN).statusCode()).isEqualTo(302);
        String cookie = ui.cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("CONOPS_SESSION"))
                .map(HttpCookie::toString)
                .findFirst()
                .orElseThrow();
        try (Socket browser = new Socket("127.0.0.1", server.port)) {
            send(browser, "/ui/apps/" + QUIET + "/logs", "Cookie: " + cookie + "\r\nAccept: text/event-stream");
            readUntil(browser, "web | said once");
            assertThat(logs.openReadings()).isPositive();
        }
        awaitReleased(logs);
    }

    private static void send(Socket socket, String target, String headers) throws IOException {
        socket.setSoTimeout(30_000);
        String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void readUntil(Socket socket, String text) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[4096];
        while (seen.indexOf(text) < 0) {
            int n = in.read(buf);
            assertThat(n).as("the stream ended before '%s': %s", text, seen).isPositive();
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
    }

    /** Every reading (the ticker follow of another test included) ends once its client is gone. */
    private static void awaitReleased(AppLogs logs) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> logs.openReadings() == 0);
    }

    @Test
    void anUnknownServiceOrAppIsA404NamingIt() {
        HttpResponse<String> r = server.call("GET", logs("?service=nope"), null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode p = TestServer.parse(r.body());
        assertThat(p.get("field").asString()).isEqualTo("service");
        assertThat(p.get("detail").asString()).contains("nope");

        HttpResponse<String> app = server.call("GET", "/api/v1/apps/conops-test-nosuchapp/logs", null);
        assertThat(app.statusCode()).isEqualTo(404);
        assertThat(app.body()).contains("conops-test-nosuchapp");
    }

    @Test
    void aBadTailIsA400NamingTail() {
        for (String tail : List.of("-1", "5001", "abc", "1.5")) {
            HttpResponse<String> r = server.call("GET", logs("?tail=" + tail), null);
            assertThat(r.statusCode()).as(tail).isEqualTo(400);
            assertThat(TestServer.parse(r.body()).get("field").asString())
                    .as(tail)
                    .isEqualTo("tail");
        }
        assertThat(server.call("GET", logs("?tail=5000&service=web"), null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theTokenIsRequired() throws IOException {
        HttpResponse<String> r = server.call("GET", logs(""), null, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("line ");
        assertThat(server.call("GET", logs(""), null, "wrong-token-0123456789").statusCode())
                .isEqualTo(401);
    }
}
