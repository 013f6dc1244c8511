package io.conops.server.git;

import io.conops.core.port.GitSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * Keeps a hostile repository from filling the disk: JGit asks its progress monitor whether to go
 * on while it receives a pack (written into the repository's folder as it arrives), so the fetch
 * stops once the folder passes the limit, instead of after the whole pack arrived; the size is
 * checked again before and after every fetch.
 */
final class RepoSizeLimit implements ProgressMonitor {
    /** Measuring walks the folder: at most every this many progress updates. */
    private static final int EVERY = 64;

    private final Path gitDir;
    private final long maxBytes;
    private final GitSource source;
    private int updates;
    private long measured;

    RepoSizeLimit(Path gitDir, long maxBytes, GitSource source) {
        this.gitDir = gitDir;
        this.maxBytes = maxBytes;
        this.source = source;
    }

    /** @throws GitException when the repository is over the limit */
    void check() {
        if (maxBytes != Long.MAX_VALUE && measure() > maxBytes) {
            throw failure();
        }
    }

    boolean exceeded() {
        return measured > maxBytes;
    }

    GitException failure() {
        return new GitException(
                GitException.Kind.TOO_LARGE,
                String.format(
                        Locale.ROOT,
                        "the repository of branch %s takes %,d bytes or more on disk; this installation accepts"
                                + " repositories up to %,d bytes (CONOPS_MAX_REPO_SIZE)",
                        source.branch(),
                        measured,
                        maxBytes));
    }

    private long measure() {
        try (Stream<Path> files = Files.walk(gitDir)) {
            measured = files.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0; // a temporary file JGit removed meanwhile
                        }
                    })
                    .sum();
            return measured;
        } catch (IOException | UncheckedIOException e) {
            return measured;
        }
    }

    @Override
    public boolean isCancelled() {
        if (maxBytes == Long.MAX_VALUE || ++updates % EVERY != 0) {
            return exceeded();
        }
        return measure() > maxBytes;
    }

    @Override
    public void start(int totalTasks) {}

    @Override
    public void beginTask(String title, int totalWork) {}

    @Override
    public void update(int completed) {}

    @Override
    public void endTask() {}

    @Override
    public void showDuration(boolean enabled) {}
}
