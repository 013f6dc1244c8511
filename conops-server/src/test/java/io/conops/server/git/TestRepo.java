package io.conops.server.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/** A bare "origin" repository and a scratch clone that commits and pushes to it, as a user would. */
final class TestRepo implements AutoCloseable {

    static final PersonIdent ANN =
            new PersonIdent("Ann Author", "ann@example.com", Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

    private final Path bare;
    private final Path work;
    private final Git git;

    private TestRepo(Path bare, Path work, Git git) {
        this.bare = bare;
        this.work = work;
        this.git = git;
    }

    /** Creates {@code <dir>/<name>.git} (bare) and a clone beside it, on branch main. */
    static TestRepo create(Path dir, String name) throws GitAPIException {
        Path bare = dir.resolve(name + ".git");
        Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(bare.toFile())
                .call()
                .close();
        Path work = dir.resolve(name + "-work");
        Git git =
                Git.init().setInitialBranch("main").setDirectory(work.toFile()).call();
        return new TestRepo(bare, work, git);
    }

    Path bareDir() {
        return bare;
    }

    String fileUrl() {
        return bare.toUri().toString();
    }

    TestRepo write(String path, String content) throws IOException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    TestRepo executable(String path, String content) throws IOException {
        write(path, content);
        Files.setPosixFilePermissions(work.resolve(path), PosixFilePermissions.fromString("rwxr-xr-x"));
        return this;
    }

    TestRepo symlink(String path, String target) throws IOException {
        Files.createSymbolicLink(work.resolve(path), Path.of(target));
        return this;
    }

    TestRepo delete(String path) throws IOException {
        Files.delete(work.resolve(path));
        return this;
    }

    /** Commits everything in the clone and pushes it to {@code branch} of the bare repository; returns the SHA. */
    String commit(String message, String branch) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        RevCommit commit = git.commit()
                .setMessage(message)
                .setAuthor(ANN)
                .setCommitter(ANN)
                .setSign(false)
                .call();
        git.push()
                .setRemote(fileUrl())
                .setRefSpecs(new RefSpec("+HEAD:refs/heads/" + branch))
                .call();
        return commit.name();
    }

    String commit(String message) throws GitAPIException {
        return commit(message, "main");
    }

    @Override
    public void close() {
        git.close();
    }
}
