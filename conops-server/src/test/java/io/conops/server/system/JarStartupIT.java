package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged jar, started the way the README says, with good and bad settings: in Spring's
 * ahead-of-time mode, as the launchers start it, when the build generated it (the cds profile).
 */
class JarStartupIT {
    static final Path JAR = Path.of("target/conops-server.jar");

    /** Whether the jar carries the initializer Spring's ahead-of-time processing generated. */
    static boolean aheadOfTime() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            return jar.getEntry(
                            "BOOT-INF/classes/io/conops/server/ConopsApplication__ApplicationContextInitializer.class")
                    != null;
        }
    }

    @TempDir
    Path tmp;

    private Process start(Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (aheadOfTime()) {
            command.add("-Dspring.aot.enabled=true");
        }
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CONOPS_") || k.startsWith("DB_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "CONOPS_SYNC_TIMEOUT,abc",
        "CONOPS_RECONCILE_INTERVAL,0s",
        "DB_TYPE,mysql",
        "DB_CONNECTION_STRING,mysql://u:secret-pass@h/db",
        "CONOPS_ALLOW_FILE_REPOS,maybe",
        "CONOPS_ADMIN_TOKEN,short",
        "CONOPS_WEBHOOK_SECRET,short",
    })
    void badSettingStopsStartUpWithOneLineNamingTheVariable(String variable, String value) throws Exception {
        Path log = tmp.resolve("out.log");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "CONOPS_DATA_DIR",
                tmp.resolve("data").toString(),
                "SERVER_PORT",
                String.valueOf(Docker.freePort()),
                variable,
                value));
        if (variable.equals("DB_CONNECTION_STRING")) {
            env.put("DB_TYPE", "postgres");
        }
        Process p = start(env, log);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).containsPattern("(?m)^" + variable + ": .+$");
        assertThat(out).doesNotContain("secret-pass");
    }

    @Test
    void freshDataDirectoryStartsAndPrintsAGeneratedTokenOnce() throws Exception {
        Path data = tmp.resolve("data");
        int port = Docker.freePort();
        Path log = tmp.resolve("first.log");
        Process p = start(Map.of("CONOPS_DATA_DIR", data.toString(), "SERVER_PORT", String.valueOf(port)), log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        try {
                            return http.send(
                                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                                                    + "/actuator/health/readiness"))
                                                            .build(),
                                                    HttpResponse.BodyHandlers.ofString())
                                            .statusCode()
                                    == 200;
                        } catch (IOException e) {
                            return false;
                        }
                    });
            Path tokenFile = data.resolve("admin-token");
            String token = Files.readString(tokenFile).trim();
            assertThat(Files.getPosixFilePermissions(tokenFile))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.readString(log)).contains(token);
            // the bearer token is the only credential: Spring Security must not invent a user password
            assertThat(Files.readString(log)).doesNotContainIgnoringCase("security password");
            HttpResponse<String> apps = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/apps/"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(apps.statusCode()).isEqualTo(200);
            assertThat(apps.body()).isEqualTo("[]");
            assertThat(Files.exists(data.resolve("conops.mv.db"))).isTrue();
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        // second start: the token is reused and not printed again
        Path log2 = tmp.resolve("second.log");
        Process p2 = start(Map.of("CONOPS_DATA_DIR", data.toString(), "SERVER_PORT", String.valueOf(port)), log2);
        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> Files.readString(log2).contains("Started ConopsApplication"));
            assertThat(Files.readString(log2))
                    .doesNotContain(
                            Files.readString(data.resolve("admin-token")).trim());
        } finally {
            p2.destroy();
            p2.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
