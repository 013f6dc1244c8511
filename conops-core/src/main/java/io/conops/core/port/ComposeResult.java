package io.conops.core.port;

import java.time.Duration;

/** What one Compose command did: its exit code, bounded output and how long it took. */
public record ComposeResult(
        String command, int exitCode, String stdout, String transcript, Duration took, boolean timedOut) {
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }
}
