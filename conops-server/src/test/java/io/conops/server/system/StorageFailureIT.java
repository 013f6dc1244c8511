package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.TestServer;
import io.conops.server.sync.Reconciler;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Given a server on the embedded H2, when its storage fails for a while (the data directory and the
 * database file made immutable, or the disk full), then readiness says so, requests get a 503
 * instead of a lie, the log stays small, and once the storage is back the server takes writes again
 * by itself, without a restart. Needs root (chattr, mount), as the CI machine has.
 */
@ExtendWith(OutputCaptureExtension.class)
class StorageFailureIT {
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at ");
    /**
     * Far below one stack trace per tick over the seconds a failure lasts here: the first failures
     * of a kind are logged with their cause (a few of Spring's own among them), then rate-limited.
     */
    private static final int MAX_STACK_TRACES = 8;

    private static final int MAX_LOG_CHARS = 128 * 1024;

    @TempDir
    Path tmp;

    TestServer server;
    final List<Path> immutable = new ArrayList<>();
    Path mounted;

    @AfterEach
    void cleanUp() {
        for (Path p : immutable) {
            run("chattr", "-i", p.toString());
        }
        if (server != null) {
            server.close();
        }
        if (mounted != null) {
            run("umount", mounted.toString());
        }
    }

    @Test
    void immutableDataDirectoryTurnsReadinessDownAndTheServerRecoversWhenItIsWritableAgain(CapturedOutput output)
            throws Exception {
        Path data = tmp.resolve("data");
        server = TestServer.start(data);
        assertThat(post("before")).isEqualTo(201);

        int logStart = output.getOut().length();
        immutable.add(data);
        immutable.add(data.resolve("conops.mv.db"));
        for (Path p : immutable) {
            assertThat(run("chattr", "+i", p.toString()))
                    .as("chattr +i needs root and a file system with immutable files")
                    .isZero();
        }
        List<String> acknowledged = new ArrayList<>();
        writeUntilRefused(acknowledged);
        // reads are served meanwhile, from the database H2 reopened read-only
        await().atMost(Duration.ofSeconds(30))
                .until(() -> server.call("GET", "/api/v1/apps/", null).statusCode() == 200);
        stillDownFor(Duration.ofSeconds(4));

        for (Path p : immutable) {
            assertThat(run("chattr", "-i", p.toString())).isZero();
        }
        immutable.clear();
        recovered(acknowledged);
        assertLogStayedSmall(output.getOut().substring(logStart));
    }

    @Test
    void fullDiskTurnsReadinessDownAndTheServerRecoversWhenSpaceIsFreed(CapturedOutput output) throws Exception {
        mounted = Files.createDirectory(tmp.resolve("small"));
        assertThat(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mounted.toString()))
                .as("mounting a small tmpfs needs root")
                .isZero();
        Path data = mounted.resolve("data");
        server = TestServer.start(data);
        assertThat(post("before")).isEqualTo(201);

        int logStart = output.getOut().length();
        Path filler = mounted.resolve("filler");
        fill(filler);
        List<String> acknowledged = new ArrayList<>();
        writeUntilRefused(acknowledged);
        // H2 reopens on a full disk and answers reads until its first write: a few loop ticks
        // go by, and readiness must not take such a reopening for a recovery
        long ticks = server.bean(Reconciler.class).ticks();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> server.bean(Reconciler.class).ticks() >= ticks + 3);
        assertThat(readiness()).isEqualTo(503);

        Files.delete(filler);
        recovered(acknowledged);
        assertLogStayedSmall(output.getOut().substring(logStart));
    }

    /** Writes until one is refused with a 503; the ones answered 201 meanwhile must not be lost. */
    private void writeUntilRefused(List<String> acknowledged) {
        AtomicInteger n = new AtomicInteger();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String name = "during-" + n.incrementAndGet();
                    int status = post(name);
                    if (status == 201) {
                        acknowledged.add(name);
                    }
                    return status == 503;
                });
        HttpResponse<String> refused = server.call("POST", "/api/v1/apps/", body("refused"));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 503);
    }

    /** Readiness stays DOWN and writes stay refused as long as the storage is broken. */
    private void stillDownFor(Duration duration) {
        AtomicInteger n = new AtomicInteger();
        await().during(duration)
                .atMost(duration.plusSeconds(30))
                .until(() -> readiness() == 503 && post("down-" + n.incrementAndGet()) == 503);
    }

    private void recovered(List<String> acknowledged) {
        await().atMost(Duration.ofSeconds(60)).until(() -> readiness() == 200);
        assertThat(post("after")).isEqualTo(201);
        assertThat(server.call("PATCH", "/api/v1/apps/after", "{\"poll_interval\":\"2h\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(server.app("after").get("poll_interval").asString()).isEqualTo("2h");
        assertThat(server.call("GET", "/api/v1/apps/before", null).statusCode()).isEqualTo(200);
        for (String name : acknowledged) {
            assertThat(server.call("GET", "/api/v1/apps/" + name, null).statusCode())
                    .as("%s was acknowledged with 201 during the failure", name)
                    .isEqualTo(200);
        }
    }

    private static void assertLogStayedSmall(String log) {
        assertThat(log.length()).as("characters logged during the failure").isLessThan(MAX_LOG_CHARS);
        assertThat(countStackTraces(log))
                .as("stack traces logged during the failure, in:%n%s", log)
                .isLessThanOrEqualTo(MAX_STACK_TRACES);
    }

    /** A stack trace is a run of "at ..." lines. */
    private static long countStackTraces(String log) {
        long count = 0;
        boolean inTrace = false;
        for (String line : log.lines().toList()) {
            boolean frame = STACK_FRAME.matcher(line).find();
            if (frame && !inTrace) {
                count++;
            }
            inTrace = frame
                    || (inTrace && (line.startsWith("Caused by") || line.trim().startsWith("...")));
        }
        return count;
    }

    private int post(String name) {
        return server.call("POST", "/api/v1/apps/", body(name)).statusCode();
    }

    private static String body(String name) {
        // a repository that never answers, polled hourly: the test is about the database
        return "{\"name\":\"" + name + "\",\"repo_url\":\"https://127.0.0.1:1/none.git\",\"poll_interval\":\"1h\"}";
    }

    private int readiness() {
        return server.call("GET", "/actuator/health/readiness", null, null).statusCode();
    }

    private static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    private static int run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            if (p.exitValue() != 0) {
                System.err.println(String.join(" ", cmd) + ": " + out);
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
