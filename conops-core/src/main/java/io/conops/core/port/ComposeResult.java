package io.conops.core.port;

import java.time.Duration;

/**
 * What one Compose command did: its exit code, bounded output and how long it took.
 *
 * @param stdoutTruncated the command printed more than the adapter keeps: {@code stdout} is then only
 *     its head and tail, and cannot be parsed
 */
public record ComposeResult(
        String command,
        int exitCode,
        String stdout,
        String transcript,
        Duration took,
        boolean timedOut,
        boolean stdoutTruncated) {
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }
}
