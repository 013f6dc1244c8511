package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.RawHttp;
import io.conops.server.support.TestServer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Requests that used to end in a 500: each is now a 4xx problem, and the server's own failures are problems too. */
@ExtendWith(OutputCaptureExtension.class)
class ErrorResponsesIT {
    static final String FAILING_PATH = "/conops-test-failure";

    @TempDir
    static Path tmp;

    static TestServer server;

    /** A failure inside the server, outside any controller: only the error dispatch can answer it. */
    public static class FailingFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (((HttpServletRequest) request).getRequestURI().equals(FAILING_PATH)) {
                throw new ServletException("internal detail that must not reach the client");
            }
            chain.doFilter(request, response);
        }
    }

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"), Map.of(TestServer.EXTRA_SOURCES, FailingFilter.class.getName()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertProblem(RawHttp.Response r, int status) {
        assertThat(r.status()).as(r.head() + "\n" + r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"status\":" + status);
    }

    @Test
    void aTraversalFromTheHealthProbeIsA400AndLogsOneLineWithoutAStackTrace(CapturedOutput output) {
        int from = output.getAll().length();
        assertProblem(RawHttp.send(server.port, "GET", "/actuator/health/../env", null, null), 400);
        assertProblem(RawHttp.send(server.port, "GET", "/actuator/health/../env", TestServer.TOKEN, null), 400);
        String log = output.getAll().substring(from);
        assertThat(log).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(log.lines().filter(l -> l.contains("Refused a GET request"))).hasSize(2);
    }

    @Test
    void theErrorPathAskedForDirectlyIsA404() {
        assertProblem(RawHttp.send(server.port, "GET", "/error", TestServer.TOKEN, null), 404);
        assertProblem(RawHttp.send(server.port, "POST", "/error", TestServer.TOKEN, "{}"), 404);
        assertProblem(RawHttp.send(server.port, "GET", "/error", null, null), 401);
    }

    @Test
    void aFailureInsideTheServerIsAProblemWithoutItsMessage() {
        RawHttp.Response r = RawHttp.send(server.port, "GET", FAILING_PATH, TestServer.TOKEN, null);
        assertProblem(r, 500);
        assertThat(r.body()).doesNotContain("internal detail").doesNotContain("Exception");
    }
}
