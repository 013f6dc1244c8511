package io.conops.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A bare repository served as file:// plus a clone to commit into, both real Git. */
public final class TestRepo implements AutoCloseable {
    private final Path bare;
    private final Git work;

    private TestRepo(Path bare, Git work) {
        this.bare = bare;
        this.work = work;
    }

    public static TestRepo create(Path dir) {
        try {
            Path bare = dir.resolve("remote.git");
            Git.init()
                    .setBare(true)
                    .setInitialBranch("main")
                    .setDirectory(bare.toFile())
                    .call()
                    .close();
            Git work = Git.cloneRepository()
                    .setURI(bare.toUri().toString())
                    .setDirectory(dir.resolve("work").toFile())
                    .call();
            return new TestRepo(bare, work);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return bare.toUri().toString();
    }

    public Path bare() {
        return bare;
    }

    /** The clone's work tree, for tests that commit with the git CLI (signed commits). */
    public Path workTree() {
        return work.getRepository().getWorkTree().toPath();
    }

    /** Writes the files (null content deletes), commits and pushes to main; returns the SHA. */
    /** Puts a symlink into the work tree, committed with the next {@link #commit}. */
    public void link(String path, String target) {
        try {
            Path p = work.getRepository().getWorkTree().toPath().resolve(path);
            Files.createDirectories(p.getParent());
            Files.deleteIfExists(p);
            Files.createSymbolicLink(p, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String commit(String message, Map<String, String> files) {
        return commit("main", message, files);
    }

    public String commit(String branch, String message, Map<String, String> files) {
        try {
            Path root = work.getRepository().getWorkTree().toPath();
            for (var e : files.entrySet()) {
                Path p = root.resolve(e.getKey());
                if (e.getValue() == null) {
                    Files.deleteIfExists(p);
                } else {
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, e.getValue());
                }
            }
            work.add().addFilepattern(".").call();
            work.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent who = new PersonIdent("Test Author", "author@example.com");
            RevCommit c = work.commit()
                    .setMessage(message)
                    .setAuthor(who)
                    .setCommitter(who)
                    .setAllowEmpty(true)
                    .call();
            work.push()
                    .setRemote("origin")
                    .add("HEAD:refs/heads/" + branch)
                    .setForce(true)
                    .call();
            return c.getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        work.close();
    }
}
