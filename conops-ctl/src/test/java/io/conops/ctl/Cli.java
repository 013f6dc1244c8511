package io.conops.ctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code conops-ctl} in-process with a clean environment and captures what it prints. */
final class Cli {
    static final String TOKEN = "s3cret-test-token";

    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private final Map<String, String> env = new HashMap<>();

    /** A config directory of its own, so no test reads or writes the developer's login contexts. */
    Cli() {
        try {
            Path config = Files.createTempDirectory("conops-ctl-test-config");
            config.toFile().deleteOnExit();
            env.put("XDG_CONFIG_HOME", config.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path configHome() {
        return Path.of(env.get("XDG_CONFIG_HOME"));
    }

    /** "Now" for relative times: three minutes after the canned apps' last sync. */
    static final Instant NOW = Instant.parse("2026-03-01T10:18:31Z");

    private Setup.Terminal terminal = Setup.Terminal.NONE;
    private final List<String> questions = new ArrayList<>();
    private boolean answerYes = true;

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** As if stdout and/or stderr were a terminal. */
    Cli terminal(boolean out, boolean err) {
        terminal = new Setup.Terminal(out, err);
        return this;
    }

    Cli answering(boolean yes) {
        answerYes = yes;
        return this;
    }

    List<String> questionsAsked() {
        return questions;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Setup.Confirm confirm = question -> {
            questions.add(question);
            return answerYes;
        };
        Setup setup = new Setup(env, confirm, Clock.fixed(NOW, ZoneOffset.UTC), terminal);
        int code = ConopsCtl.run(new PrintWriter(out), new PrintWriter(err), setup, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs against {@code server} with the test token, as most tests do. */
    Result against(FakeConops server, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server.url(), "--token", TOKEN));
        return run(all.toArray(String[]::new));
    }
}
