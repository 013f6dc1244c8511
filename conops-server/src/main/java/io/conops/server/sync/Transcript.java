package io.conops.server.sync;

import io.conops.core.port.ComposeResult;

/** The bounded record of what a sync ran and what the tools said. */
final class Transcript {
    static final int LIMIT = 128 * 1024;
    /** Shorter values are not hidden: a two-letter value would blank out half the transcript. */
    static final int MIN_REDACTED = 4;

    private final StringBuilder text = new StringBuilder();
    private final java.util.List<String> secrets = new java.util.ArrayList<>();

    /** Values that must not appear in the record (service_envs): tools may quote them in errors. */
    Transcript hiding(java.util.Collection<String> values) {
        values.stream()
                .filter(v -> v != null && v.length() >= MIN_REDACTED)
                .sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .forEach(secrets::add);
        return this;
    }

    String redact(String s) {
        for (String secret : secrets) {
            s = s.replace(secret, "***");
        }
        return s;
    }

    void add(ComposeResult r) {
        line("$ " + r.command() + "  (exit " + r.exitCode() + ", " + r.took().toMillis() + " ms)");
        if (!r.transcript().isBlank()) {
            line(r.transcript().stripTrailing());
        }
    }

    void line(String s) {
        if (text.length() >= LIMIT) {
            return;
        }
        s = redact(s);
        text.append(s, 0, Math.min(s.length(), LIMIT - text.length())).append('\n');
    }

    /** Runs one phase of a sync and notes how long it took, so a slow sync shows where its time went. */
    <T> T timed(String phase, java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            line("[" + phase + ": " + (System.nanoTime() - start) / 1_000_000 + " ms]");
        }
    }

    void timed(String phase, Runnable work) {
        timed(phase, () -> {
            work.run();
            return null;
        });
    }

    String text() {
        return text.toString();
    }

    /** The last few non-empty lines: what a user needs to see in last_error. */
    static String lastLines(String s, int n) {
        String[] lines = s.strip().split("\n");
        StringBuilder sb = new StringBuilder();
        int from = Math.max(0, lines.length - n);
        for (int i = from; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty()) continue;
            if (sb.length() > 0) sb.append(" | ");
            sb.append(l);
        }
        String out = sb.toString();
        return out.length() > 2000 ? out.substring(out.length() - 2000) : out;
    }
}
