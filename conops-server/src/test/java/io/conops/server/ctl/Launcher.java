package io.conops.server.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs conops-ctl as a user does: the README's launcher script (conops-ctl/conops-ctl, with the
 * build's class data archive) in a process of its own, with an environment of the test's making
 * (no CONOPS_* of the developer, a config directory of its own).
 */
final class Launcher {
    static final Path SCRIPT = Path.of("..").toAbsolutePath().normalize().resolve("conops-ctl/conops-ctl");

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private final Path dir;
    private final Map<String, String> env = new HashMap<>();
    private final AtomicInteger runs = new AtomicInteger();

    Launcher(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("config"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("PATH", System.getenv("PATH"));
        if (System.getenv("JAVA_HOME") != null) {
            env.put("JAVA_HOME", System.getenv("JAVA_HOME"));
        }
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    }

    Path configHome() {
        return dir.resolve("config");
    }

    /** Runs the launcher with these arguments and extra environment variables. */
    Run run(Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        return exec(command, extraEnv);
    }

    Run run(String... args) {
        return run(Map.of(), args);
    }

    /** As {@link #run}, under util-linux's script(1): stdout and stderr are then a terminal. */
    Run onTerminal(Map<String, String> extraEnv, String... args) {
        StringBuilder line = new StringBuilder(quote(SCRIPT.toString()));
        for (String a : args) {
            line.append(' ').append(quote(a));
        }
        return exec(List.of("script", "-qefc", line.toString(), "/dev/null"), extraEnv);
    }

    private Run exec(List<String> command, Map<String, String> extraEnv) {
        int n = runs.incrementAndGet();
        Path out = dir.resolve("run-" + n + ".out");
        Path err = dir.resolve("run-" + n + ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        try {
            Process p = pb.start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(command.toString()).isTrue();
            return new Run(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
