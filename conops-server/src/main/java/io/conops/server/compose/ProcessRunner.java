package io.conops.server.compose;

import io.conops.core.ConopsException;
import io.conops.core.port.ComposeResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a subprocess with an explicit environment and working directory, drains both streams,
 * keeps a bounded transcript and kills the process tree when the timeout passes.
 */
final class ProcessRunner {
    static final int TRANSCRIPT_LIMIT = 64 * 1024;
    static final int STDOUT_LIMIT = io.conops.core.port.ComposePort.STDOUT_LIMIT;

    private ProcessRunner() {}

    static ComposeResult run(
            List<String> command, Path workDir, Map<String, String> env, Duration timeout, String label) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ConopsException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // no stdin needed
        }
        BoundedBuffer stdout = new BoundedBuffer(STDOUT_LIMIT);
        BoundedBuffer transcript = new BoundedBuffer(TRANSCRIPT_LIMIT);
        Thread out = drain(p.getInputStream(), stdout, null, label + "-out");
        Thread err = drain(p.getErrorStream(), transcript, null, label + "-err");
        boolean timedOut = false;
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            out.join(5000);
            err.join(5000);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ConopsException("interrupted while running " + label, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String text = transcript.text();
        if (timedOut) {
            text = text + "\n" + label + " timed out after " + timeout.toSeconds() + "s and was stopped";
        }
        return new ComposeResult(
                label, timedOut ? -1 : p.exitValue(), stdout.text(), text, took, timedOut, stdout.truncated());
    }

    private static Thread drain(InputStream in, BoundedBuffer into, BoundedBuffer also, String name) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[8192];
                    try (in) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            String s = BoundedBuffer.utf8(buf, n);
                            into.append(s);
                            if (also != null) {
                                also.append(s);
                            }
                        }
                    } catch (IOException ignored) {
                        // the process went away; what was read is kept
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
