package io.conops.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsAlignToTheWidestCellWithoutTrailingSpaces() {
        var lines = new Table("A", "BBB", "C")
                .row("long-value", "x", "last")
                .row("y", null, "z")
                .lines();

        assertThat(lines).containsExactly("A            BBB   C", "long-value   x     last", "y            -     z");
    }

    @Test
    void controlCharactersFromTheServerCannotReachTheTerminal() {
        var lines = new Table("MESSAGE")
                .row("red \u001b[31malert\u001b[0m\nsecond line")
                .lines();

        assertThat(lines.get(1)).isEqualTo("red [31malert [0m second line");
    }
}
