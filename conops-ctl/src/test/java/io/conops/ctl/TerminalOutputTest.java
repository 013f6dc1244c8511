package io.conops.ctl;

import static io.conops.ctl.FakeConops.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Colour and progress are for a person at a terminal: never in a pipe, never with NO_COLOR. */
class TerminalOutputTest {
    private static final String ESC = "\u001B";

    private final FakeConops server = FakeConops.start();
    private final Cli cli = new Cli();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theFormatterColoursStatusAndHealthWordsAndKeepsColumnsAligned() {
        Style colour = new Style(true);

        var lines = new Table("NAME", "STATUS", "HEALTH")
                .row("web", "synced", "healthy")
                .row("db", "error", "degraded")
                .row("queue", "main", "x")
                .paint(1, colour::status)
                .paint(2, colour::status)
                .lines();

        assertThat(lines.get(0)).isEqualTo("NAME    STATUS   HEALTH");
        assertThat(lines.get(1))
                .isEqualTo("web     " + ESC + "[32msynced" + ESC + "[0m   " + ESC + "[32mhealthy" + ESC + "[0m");
        assertThat(lines.get(2))
                .isEqualTo("db      " + ESC + "[31merror" + ESC + "[0m    " + ESC + "[31mdegraded" + ESC + "[0m");
        assertThat(lines.get(3)).isEqualTo("queue   main     x");
    }

    @Test
    void plainStyleNeverColours() {
        assertThat(Style.PLAIN.status("error")).isEqualTo("error");
    }

    @Test
    void aTerminalGetsColouredStatusWords() {
        server.on("GET", "/api/v1/apps/", json(200, "[" + Apps.app("web", "synced") + "]"));

        var result = cli.terminal(true, true).against(server, "apps", "list");

        assertThat(result.out()).contains(ESC + "[32msynced" + ESC + "[0m");
    }

    @Test
    void noColorOrAPipeGiveNoEscapeCodes() {
        server.on("GET", "/api/v1/apps/", json(200, "[" + Apps.app("web", "error") + "]"));
        server.on("GET", "/api/v1/apps/web", json(200, Apps.app("web", "error")));

        var noColor = new Cli().env("NO_COLOR", "1").terminal(true, false);
        var piped = new Cli().terminal(false, false);
        for (Cli c : new Cli[] {noColor, piped}) {
            for (String[] args :
                    new String[][] {{"apps", "list"}, {"apps", "list", "-o", "wide"}, {"apps", "get", "web"}}) {
                var result = c.against(server, args);
                assertThat(result.exitCode()).isZero();
                assertThat(result.out()).contains("error").doesNotContain(ESC);
                assertThat(result.err()).doesNotContain(ESC);
            }
        }
    }

    @Test
    void deleteShowsProgressOnATerminalStderrOnly() {
        server.on("DELETE", "/api/v1/apps/web", FakeConops.empty(204));

        var onTerminal = cli.terminal(false, true).against(server, "apps", "delete", "web", "--yes");
        var piped = new Cli().against(server, "apps", "delete", "web", "--yes");

        assertThat(onTerminal.exitCode()).isZero();
        assertThat(onTerminal.err()).contains("deleting 'web'").endsWith("\r" + ESC + "[K");
        assertThat(onTerminal.out()).doesNotContain(ESC).contains("deleted app 'web'");
        assertThat(piped.err()).isEmpty();
    }

    @Test
    void syncWaitShowsProgressOnATerminalStderrOnly() {
        server.on(
                "POST",
                "/api/v1/apps/web/sync?wait=300000ms",
                json(
                        200,
                        "{\"id\":3,\"commit\":\"0123456789abcdef\",\"trigger\":\"manual\",\"outcome\":\"succeeded\"}"));

        var onTerminal = cli.terminal(false, true).against(server, "apps", "sync", "web", "--wait");
        var piped = new Cli().against(server, "apps", "sync", "web", "--wait");

        assertThat(onTerminal.exitCode()).isZero();
        assertThat(onTerminal.err()).contains("syncing 'web'").endsWith("\r" + ESC + "[K");
        assertThat(piped.exitCode()).isZero();
        assertThat(piped.err()).isEmpty();
    }

    @Test
    void relativeTimesUseTheLargestWholeUnit() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");

        assertThat(Text.ago(now.minusSeconds(12), now)).isEqualTo("12s ago");
        assertThat(Text.ago(now.minus(Duration.ofMinutes(3)).minusSeconds(59), now))
                .isEqualTo("3m ago");
        assertThat(Text.ago(now.minus(Duration.ofHours(5)), now)).isEqualTo("5h ago");
        assertThat(Text.ago(now.minus(Duration.ofDays(2)), now)).isEqualTo("2d ago");
        assertThat(Text.ago(now.plusSeconds(2), now)).isEqualTo("just now");
        assertThat(Text.ago(null, now)).isEqualTo("-");
    }
}
