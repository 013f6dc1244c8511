package io.conops.server.sync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Compose files made to exhaust whoever reads them, each with one harmless service. */
final class HostileCompose {
    static final String SERVICE = """
            services:
              s:
                image: local/busybox:1
                init: true
                command: ["sleep", "100000"]
            """;

    private HostileCompose() {}

    /** The billion laughs: level n is a list of nine aliases of level n-1; 9 levels expand to 9^9 strings. */
    static String aliasBomb(int levels) {
        StringBuilder out = new StringBuilder(SERVICE);
        out.append("x-l0: &l0 [")
                .append(String.join(",", Collections.nCopies(9, "\"lol\"")))
                .append("]\n");
        for (int i = 1; i < levels; i++) {
            out.append("x-l%d: &l%d [".formatted(i, i))
                    .append(String.join(",", Collections.nCopies(9, "*l" + (i - 1))))
                    .append("]\n");
        }
        return out.toString();
    }

    /** A valid file of about {@code bytes}, made long by a comment block. */
    static String ofSize(int bytes) {
        StringBuilder out = new StringBuilder(SERVICE);
        String line = "# " + "padding ".repeat(12) + "\n";
        while (out.length() < bytes) {
            out.append(line);
        }
        return out.toString();
    }

    /** An extension field of lists nested {@code levels} deep. */
    static String nested(int levels) {
        return SERVICE + "x-deep: " + "[".repeat(levels) + "]".repeat(levels) + "\n";
    }

    /** An extension field of {@code keys} keys, each with a short value. */
    static String manyKeys(int keys) {
        List<String> lines = new ArrayList<>();
        lines.add(SERVICE + "x-data:");
        for (int i = 0; i < keys; i++) {
            lines.add("  k" + i + ": v");
        }
        return String.join("\n", lines) + "\n";
    }
}
