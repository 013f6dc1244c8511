package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.ScriptServer;
import io.conops.server.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers the README names, run as a user runs them: scripts/start-server.sh starts the
 * server in Spring's ahead-of-time mode from the start-up archive the build recorded for the JDK it
 * runs on (an ahead-of-time cache on JDK 25+, else a class data sharing archive; ConOps' classes
 * come out of it), and falls back to the plain jar when the archive was made by another JDK;
 * scripts/run.sh serves the build's own directory with the archive the build recorded there,
 * recording nothing itself, and prints one ready line; conops-ctl/conops-ctl runs the client, with its exit codes and nothing but the
 * client's output on stdout.
 */
class LaunchersIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path TARGET = ROOT.resolve("conops-server/target");

    @TempDir
    Path tmp;

    /** The start-up archive the build recorded in dist/current: .aot (JDK 25+) or .jsa. */
    static String archiveName() {
        Path current = TARGET.resolve("dist/current");
        return Files.exists(current.resolve("conops-server.aot")) ? "conops-server.aot" : "conops-server.jsa";
    }

    /** The class-load log's line for the server's main class. */
    static String mainClassLine(Path classes) throws IOException {
        try (var lines = Files.lines(classes)) {
            return lines.filter(l -> l.contains(" io.conops.server.ConopsApplication source:"))
                    .findFirst()
                    .orElse("(io.conops.server.ConopsApplication never loaded)");
        }
    }

    @Test
    void theServerStartsFromTheBuildsStartUpArchiveInSpringsAheadOfTimeMode() throws Exception {
        assertThat(TARGET.resolve("dist/current").resolve(archiveName()))
                .as("the package phase records the archive (unless -DskipCds)")
                .isRegularFile();
        assertThat(TARGET.resolve("dist/current").resolve(archiveName() + ".jvm"))
                .isRegularFile();
        Path classes = tmp.resolve("classes.log");

        String log = startAndStop(
                ROOT.resolve("scripts/start-server.sh"), "-Xlog:class+load=info:file=" + classes, "archive.log");

        assertThat(log).doesNotContain("no start-up archive").contains("Starting AOT-processed ConopsApplication");
        // ConOps' own classes come out of the archive the build wrote
        assertThat(mainClassLine(classes)).contains("source: shared objects file");
    }

    @Test
    void anArchiveOfAnotherJdkIsLeftAsideAndTheServerStartsFromTheJar() throws Exception {
        // a copy of the layout whose archive says another JDK made it
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("scripts"));
        for (String script : List.of("start-server.sh", "java-runtime.sh")) {
            Files.copy(
                    ROOT.resolve("scripts").resolve(script),
                    root.resolve("scripts").resolve(script));
        }
        Path target = Files.createDirectories(root.resolve("conops-server/target/dist/current"));
        Files.createSymbolicLink(
                root.resolve("conops-server/target/conops-server.jar"), TARGET.resolve("conops-server.jar"));
        for (String f : List.of("conops-server.jar", "lib", archiveName())) {
            Files.createSymbolicLink(
                    target.resolve(f), TARGET.resolve("dist/current").resolve(f));
        }
        Files.writeString(target.resolve(archiveName() + ".jvm"), "JAVA_RUNTIME_VERSION=\"0.0.0-elsewhere\"\n");
        Path classes = tmp.resolve("classes.log");

        String log = startAndStop(
                root.resolve("scripts/start-server.sh"), "-Xlog:class+load=info:file=" + classes, "fallback.log");

        assertThat(log).contains("the build recorded no start-up archive for the JDK");
        assertThat(mainClassLine(classes))
                .doesNotContain("shared objects file")
                .contains("conops-server/target/conops-server.jar");
    }

    @Test
    void conopsJavaHomeChoosesTheJdkTheServerRunsOnGivenRelativeToWhereTheLauncherStarts() throws Exception {
        // a JDK of its own: this test's JDK behind a java that leaves a mark when it is the one run
        Path home = Path.of(System.getProperty("java.home")).toRealPath();
        Path jdk = Files.createDirectories(tmp.resolve("chosen-jdk/bin")).getParent();
        Files.copy(home.resolve("release"), jdk.resolve("release"));
        Path mark = tmp.resolve("chosen-jdk-ran");
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\ntouch '" + mark + "'\nexec '" + home.resolve("bin/java") + "' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();

        String log = startAndStop(
                ROOT.resolve("scripts/start-server.sh"),
                "-Xlog:disable",
                "chosen.log",
                Map.of("CONOPS_JAVA_HOME", "chosen-jdk"));

        assertThat(mark).exists();
        assertThat(log)
                .contains("Starting AOT-processed ConopsApplication")
                .contains("using Java " + System.getProperty("java.version"));
    }

    @Test
    void aConopsJavaHomeThatIsNoJdkStopsTheLauncherWithOneLineNamingIt() throws Exception {
        Path notAJdk = Files.createDirectories(tmp.resolve("not-a-jdk"));
        ProcessBuilder pb = new ProcessBuilder(
                        ROOT.resolve("scripts/start-server.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("bad-jdk.log").toFile());
        pb.environment().put("CONOPS_JAVA_HOME", notAJdk.toString());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isNotZero();
        assertThat(read(tmp.resolve("bad-jdk.log")).strip())
                .isEqualTo("[run] CONOPS_JAVA_HOME=" + notAJdk + " has no bin/java: point it at a JDK 17 or newer");
    }

    @Test
    void aBuildKeepsTheTwoBuildsBeforeItAndRecordsNothingForAJarItAlreadyServes() throws Exception {
        // the build's directory for this jar, as scripts/dist.sh made it, beside three older builds
        Path root = Files.createDirectories(tmp.resolve("dist"));
        String name = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(TARGET.resolve("conops-server.jar"))))
                .substring(0, 16);
        Path build = Files.createDirectories(root.resolve(name));
        for (String f : List.of("conops-server.jar", "lib", archiveName(), archiveName() + ".jvm")) {
            Files.createSymbolicLink(
                    build.resolve(f), TARGET.resolve("dist/current").resolve(f));
        }
        List<Path> older = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path old = Files.createDirectories(root.resolve("older-" + i));
            Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(i))));
            older.add(old);
        }

        ProcessBuilder pb = new ProcessBuilder(
                        "bash",
                        ROOT.resolve("scripts/dist.sh").toString(),
                        TARGET.resolve("conops-server.jar").toString(),
                        root.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("dist.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(() -> read(tmp.resolve("dist.log"))).isZero();
        assertThat(root.resolve("current").toRealPath()).isEqualTo(build.toRealPath());
        // the archive this JDK made for this jar was kept, not recorded again
        assertThat(build.resolve(archiveName())).isSymbolicLink();
        assertThat(older.get(0)).isDirectory();
        assertThat(older.get(1)).isDirectory();
        assertThat(older.get(2)).doesNotExist();
    }

    @Test
    void theClientLauncherListsAppsAndPassesExitCodesThrough() throws Exception {
        try (TestServer server = TestServer.start(tmp.resolve("data"))) {
            server.register(
                    "conops-test-launcher",
                    "file:///nonexistent/conops-test-launcher.git",
                    "\"compose_path\":\"compose.yaml\"");

            Run listed = ctl(TestServer.TOKEN, "apps", "list", "--server", server.url(""));
            Run refused = ctl("wrong-token-0123456789", "apps", "list", "--server", server.url(""));

            assertThat(listed.code()).isZero();
            assertThat(listed.out()).contains("conops-test-launcher").doesNotContain("[warning]");
            assertThat(refused.code()).isEqualTo(4);
            assertThat(refused.out()).isEmpty();
        }
    }

    @Test
    void runShServesTheBuildsOwnDirectoryWithItsArchiveRecordingNothingRemovesUnusedOldCopiesAndSaysWhereToGo()
            throws Exception {
        Path data = tmp.resolve("run-data");
        Path classes = tmp.resolve("run-classes.log");
        Path log = tmp.resolve("run.log");
        // copies of builds an earlier run.sh served from the data directory: one a process still
        // runs from (its command line names it), one that nothing uses any more
        Path unused = Files.createDirectories(data.resolve("server/0123456789abcdef"));
        Path inUse = Files.createDirectories(data.resolve("server/fedcba9876543210"));
        Files.writeString(unused.resolve("conops-server.jar"), "old");
        Files.writeString(inUse.resolve("conops-server.jar"), "old");
        Process user = new ProcessBuilder(
                        "tail", "-f", inUse.resolve("conops-server.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        ScriptServer server = ScriptServer.start(
                "scripts/run.sh",
                tmp,
                log,
                Map.of("CONOPS_DATA_DIR", data.toString(), "JAVA_OPTS", "-Xlog:class+load=info:file=" + classes));
        int port = server.port();
        try {
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> read(log).contains("[run] ConOps is ready")
                            || !server.process().isAlive());
            assertThat(unused).doesNotExist();
            assertThat(inUse.resolve("conops-server.jar")).isRegularFile();

            assertThat(read(log))
                    .as("one ready line")
                    .containsOnlyOnce("[run] ConOps is ready: dashboard http://127.0.0.1:" + port
                            + "/ ; the admin token is in " + data.resolve("admin-token"));
            assertThat(data.resolve("admin-token")).isRegularFile();
            // a fresh data directory costs no training start: the build recorded the archive
            assertThat(read(log)).doesNotContain("[run] recording").doesNotContain("[run] copying");
            try (var files = Files.walk(data)) {
                assertThat(files.filter(f ->
                                f.toString().endsWith(".jsa") || f.toString().endsWith(".aot")))
                        .isEmpty();
            }
            // the server's own classes come from the build's directory, mapped from its archive
            Path build = TARGET.resolve("dist/current").toRealPath();
            assertThat(build.getParent()).isEqualTo(TARGET.resolve("dist").toRealPath());
            assertThat(mainClassLine(classes)).contains("source: shared objects file");
            assertThat(Files.readString(classes))
                    .contains("source: file:" + build + "/")
                    .doesNotContain("source: file:" + TARGET.resolve("conops-server.jar"));
        } finally {
            user.destroy();
            server.stop();
        }
    }

    record Run(int code, String out, String err) {}

    private Run ctl(String token, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(ROOT.resolve("conops-ctl/conops-ctl").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("ctl.out").toFile())
                .redirectError(tmp.resolve("ctl.err").toFile());
        pb.environment().put("CONOPS_TOKEN", token);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(
                p.exitValue(), Files.readString(tmp.resolve("ctl.out")), Files.readString(tmp.resolve("ctl.err")));
    }

    /** Starts the server through the launcher, waits until it is alive, stops it; returns its output. */
    private String startAndStop(Path launcher, String javaOpts, String logName) throws Exception {
        return startAndStop(launcher, javaOpts, logName, Map.of());
    }

    /** The same, with more variables in the launcher's environment. */
    private String startAndStop(Path launcher, String javaOpts, String logName, Map<String, String> env)
            throws Exception {
        Map<String, String> all = new HashMap<>(Map.of(
                "CONOPS_DATA_DIR",
                tmp.resolve("data-" + logName).toString(),
                "SERVER_ADDRESS",
                "127.0.0.1",
                "CONOPS_ADMIN_TOKEN",
                TestServer.TOKEN,
                "JAVA_OPTS",
                javaOpts));
        all.putAll(env);
        ScriptServer server = ScriptServer.start(launcher.toString(), tmp, tmp.resolve(logName), all);
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> !server.process().isAlive() || server.answers("/actuator/health/liveness"));
            assertThat(server.process().isAlive()).as(server::output).isTrue();
        } finally {
            server.stop();
        }
        return server.output();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
