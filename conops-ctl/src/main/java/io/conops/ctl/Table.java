package io.conops.ctl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Columns aligned with spaces, for humans; scripts should use {@code -o json}. */
final class Table {
    private static final String GAP = "   ";

    private final List<String[]> rows = new ArrayList<>();
    private final Map<Integer, UnaryOperator<String>> painters = new HashMap<>();
    private final Map<List<Integer>, UnaryOperator<String>> cellPainters = new HashMap<>();

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

    /**
     * Colours the cells of a column (not its header) as they are printed. Widths are measured on
     * the plain text, so escape codes never shift a column; and cells were cleaned of control
     * characters before, so only the painter's codes reach the terminal.
     */
    Table paint(int column, UnaryOperator<String> painter) {
        painters.put(column, painter);
        return this;
    }

    /** As {@link #paint}, for one cell only: the given column of the row added last. */
    Table paintLast(int column, UnaryOperator<String> painter) {
        cellPainters.put(List.of(rows.size() - 1, column), painter);
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
        for (int row = 0; row < rows.size(); row++) {
            String[] r = rows.get(row);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    sb.append(GAP);
                }
                UnaryOperator<String> painter =
                        cellPainters.getOrDefault(List.of(row, i), row == 0 ? null : painters.get(i));
                sb.append(painter == null ? r[i] : painter.apply(r[i]));
                if (i < columns - 1) {
                    sb.append(" ".repeat(width[i] - r[i].length()));
                }
            }
            lines.add(sb.toString());
        }
        return lines;
    }
}
