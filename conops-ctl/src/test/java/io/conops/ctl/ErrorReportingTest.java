package io.conops.ctl;

import static io.conops.ctl.FakeConops.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorReportingTest {
    private final FakeConops server = FakeConops.start();
    private final Cli cli = new Cli();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rejectedTokenExitsFourWithoutPrintingTheToken() {
        server.on(
                "GET",
                "/api/v1/apps/",
                problem(
                        401,
                        "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"invalid token " + Cli.TOKEN + "\"}"));

        var result = cli.against(server, "apps", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(result.errLines()).containsExactly("error: invalid token **** (" + Problems.TOKEN_HINT + ")");
        assertThat(result.err()).contains("<data dir>/admin-token");
        assertThat(result.out() + result.err()).doesNotContain(Cli.TOKEN);
    }

    @Test
    void forbiddenExitsFour() {
        server.on("GET", "/api/v1/apps/", FakeConops.empty(403));

        var result = cli.against(server, "apps", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(result.errLines()).containsExactly("error: the token is not allowed to do this (HTTP 403)");
    }

    @Test
    void missingTokenExitsFourBeforeAnyRequest() {
        var result = cli.run("apps", "list", "--server", server.url());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(result.errLines()).containsExactly("error: no API token: " + Problems.TOKEN_HINT);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void unreachableServerExitsSevenOnOneLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        var result = cli.run("apps", "list", "--server", "http://127.0.0.1:" + closedPort, "--token", Cli.TOKEN);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.errLines())
                .containsExactly(
                        "error: cannot reach ConOps at http://127.0.0.1:" + closedPort + " (connection refused)");
    }

    @Test
    void serverErrorWithoutProblemBodyExitsEight() {
        server.on("GET", "/api/v1/apps/", new FakeConops.Answer(502, "text/html", "<html>Bad Gateway</html>"));

        var result = cli.against(server, "apps", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVER_ERROR);
        assertThat(result.errLines()).containsExactly("error: server error (HTTP 502)");
    }

    @Test
    void verboseAddsTheServersWholeAnswerAfterTheOneLine() {
        String body = "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"branch: must not be blank\","
                + "\"field\":\"branch\",\"token\":\"" + Cli.TOKEN + "\"}";
        server.on("GET", "/api/v1/apps/", problem(400, body));

        var plain = cli.against(server, "apps", "list");
        var verbose = cli.against(server, "apps", "list", "--verbose");

        assertThat(plain.errLines()).hasSize(1);
        assertThat(verbose.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT).isEqualTo(plain.exitCode());
        assertThat(verbose.errLines().get(0)).isEqualTo(plain.errLines().get(0));
        assertThat(verbose.errLines())
                .contains("  HTTP 400")
                .anySatisfy(line -> assertThat(line).contains("\"field\":\"branch\""));
        assertThat(verbose.err()).doesNotContain(Cli.TOKEN);
    }

    @Test
    void verboseAddsTheCauseOfAnUnreachableServer() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        var result = cli.run("-v", "apps", "list", "--server", "http://127.0.0.1:" + closedPort, "--token", Cli.TOKEN);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.errLines()).hasSizeGreaterThan(1);
        assertThat(result.errLines().get(1)).startsWith("  caused by java.net.");
    }

    @Test
    void multiLineProblemDetailIsPrintedOnOneLine() {
        server.on(
                "GET",
                "/api/v1/apps/",
                problem(
                        500,
                        "{\"title\":\"Internal Server Error\",\"status\":500,\"detail\":\"database down\\n\\tat x.y.Z\"}"));

        var result = cli.against(server, "apps", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVER_ERROR);
        assertThat(result.errLines()).containsExactly("error: database down at x.y.Z");
    }

    @Test
    void answerThatIsNotJsonIsAnUnexpectedErrorNotAStackTrace() {
        server.on("GET", "/api/v1/apps/", new FakeConops.Answer(200, "text/html", "<html>hello</html>"));

        var result = cli.against(server, "apps", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNEXPECTED);
        assertThat(result.errLines()).singleElement().asString().startsWith("error: cannot read the server's answer");
    }

    @Test
    void unknownCommandIsAUsageErrorThatDoesNotEchoTheToken() {
        var result = cli.run("apps", "lst", "--token", Cli.TOKEN);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("error: Unmatched arguments")
                .doesNotContain(Cli.TOKEN);
    }

    @Test
    void tokenGivenWithEqualsSignIsNotEchoedEither() {
        var result = cli.run("apps", "lst", "--token=" + Cli.TOKEN);

        assertThat(result.err()).doesNotContain(Cli.TOKEN);
    }

    @Test
    void badOptionValueIsAUsageError() {
        var result = cli.against(server, "apps", "list", "-o", "xml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines())
                .containsExactly("error: Invalid value for option '--output': expected table, wide, json or yaml,"
                        + " got 'xml'"
                        + " (see 'conops-ctl apps list --help')");
    }

    @Test
    void serverThatIsNotAnHttpUrlIsAUsageError() {
        var result = cli.run("apps", "list", "--server", "ftp://example", "--token", Cli.TOKEN);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines())
                .containsExactly("error: --server: 'ftp://example' is not an http:// or https:// URL");
    }

    @Test
    void missingCommandIsAUsageError() {
        var result = cli.run("apps");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("error: missing command (see 'conops-ctl apps --help')");
    }
}
