package io.conops.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real command-line tools a test needs beside Git itself: {@code git} (signed commits, as users
 * make them), {@code ssh-keygen} and {@code gpg}. Each run fails the test when the tool fails.
 */
public final class GitCli {
    private GitCli() {}

    /** Runs the command in {@code dir} with extra environment variables; returns its standard output. */
    public static String run(Path dir, Map<String, String> env, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(command))
                    .directory(dir.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            // both streams read in full, so neither pipe fills and blocks the tool
            var err = p.getErrorStream();
            var errText = new java.util.concurrent.CompletableFuture<String>();
            Thread t = new Thread(() -> {
                try {
                    errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errText.complete("");
                }
            });
            t.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            t.join();
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " exited " + p.exitValue() + ": " + errText.join() + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String run(Path dir, String... command) {
        return run(dir, Map.of(), command);
    }

    /** A new ed25519 key pair without passphrase; returns the private key's path (public: {@code .pub}). */
    public static Path sshKey(Path dir, String name) {
        Path key = dir.resolve(name);
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString());
        return key;
    }

    /**
     * Commits everything in the work tree with {@code git commit}, signed with {@code signing}
     * (git -c options) or unsigned when empty, pushes it to main and returns the SHA.
     */
    public static String commit(TestRepo repo, Map<String, String> env, String message, String... signing) {
        Path work = repo.workTree();
        run(work, "git", "add", "-A");
        List<String> cmd = new ArrayList<>(List.of(
                "git",
                "-c",
                "user.name=Test Author",
                "-c",
                "user.email=author@example.com",
                "-c",
                "commit.gpgsign=false"));
        for (String option : signing) {
            cmd.add("-c");
            cmd.add(option);
        }
        cmd.addAll(List.of("commit", "-q", "--allow-empty", "-m", message));
        if (signing.length > 0) {
            cmd.add("-S");
        }
        run(work, env, cmd.toArray(String[]::new));
        run(work, "git", "push", "-q", "origin", "HEAD:refs/heads/main");
        return run(work, "git", "rev-parse", "HEAD").strip();
    }

    /** An SSH-signed commit, as {@code git -c gpg.format=ssh -c user.signingkey=KEY commit -S} makes it. */
    public static String sshSigned(TestRepo repo, Path key, String message) {
        return commit(repo, Map.of(), message, "gpg.format=ssh", "user.signingkey=" + key);
    }
}
