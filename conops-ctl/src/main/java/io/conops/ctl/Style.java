package io.conops.ctl;

import java.util.Map;
import picocli.CommandLine.Help.Ansi;

/**
 * Colour for the words a person scans a table for: sync status, health and outcome. Green is
 * fine, yellow is under way, red needs a look; every other word stays plain. Off unless stdout is
 * a terminal and NO_COLOR is unset ({@link Setup#colour()}).
 */
final class Style {
    static final Style PLAIN = new Style(false);

    private static final Map<String, Ansi.Style> COLOURS = Map.ofEntries(
            Map.entry("synced", Ansi.Style.fg_green),
            Map.entry("healthy", Ansi.Style.fg_green),
            Map.entry("succeeded", Ansi.Style.fg_green),
            Map.entry("pending", Ansi.Style.fg_yellow),
            Map.entry("syncing", Ansi.Style.fg_yellow),
            Map.entry("progressing", Ansi.Style.fg_yellow),
            Map.entry("running", Ansi.Style.fg_yellow),
            Map.entry("error", Ansi.Style.fg_red),
            Map.entry("degraded", Ansi.Style.fg_red),
            Map.entry("missing", Ansi.Style.fg_red),
            Map.entry("failed", Ansi.Style.fg_red));

    private final boolean colour;

    Style(boolean colour) {
        this.colour = colour;
    }

    /** The status, health or outcome word, coloured when colour is on and the word has one. */
    String status(String word) {
        Ansi.Style style = colour ? COLOURS.get(word) : null;
        return style == null ? word : style.on() + word + Ansi.Style.reset.on();
    }
}
