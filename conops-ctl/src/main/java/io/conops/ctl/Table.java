package io.conops.ctl;

import java.util.ArrayList;
import java.util.List;

/** Columns aligned with spaces, for humans; scripts should use {@code -o json}. */
final class Table {
    private static final String GAP = "   ";

    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        rows.add(headers);
    }

    Table row(String... cells) {
        String[] clean = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            clean[i] = Text.cell(cells[i]);
        }
        rows.add(clean);
        return this;
    }

    List<String> lines() {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    sb.append(GAP);
                }
                sb.append(r[i]);
                if (i < columns - 1) {
                    sb.append(" ".repeat(width[i] - r[i].length()));
                }
            }
            lines.add(sb.toString());
        }
        return lines;
    }
}
