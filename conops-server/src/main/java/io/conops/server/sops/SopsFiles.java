package io.conops.server.sops;

import io.conops.server.system.Files2;
import io.conops.server.system.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The decrypted copies Compose reads during an apply, and the override file that points it at
 * them. Env file copies live only while Compose runs (their values are then in the containers'
 * configuration) and are removed by {@link #deleteEnvFiles}. A mounted file must stay where the
 * container's bind mount points, or a restart of the container would fail: those copies are kept,
 * 0600 in a 0700 folder of the app's data directory, until an apply no longer uses them or the app
 * is deleted with its directory.
 */
@Component
public class SopsFiles {
    static final String DIR = "sops";
    static final String OVERRIDE = "conops-sops-override.yaml";

    private final SopsPlanner planner;
    private final SopsPlans plans;

    SopsFiles(SopsPlanner planner, SopsPlans plans) {
        this.planner = planner;
        this.plans = plans;
    }

    /**
     * Decrypts the files the commit's plan names from the app's worktree and writes the override
     * that hands them to Compose; null when the commit uses no SOPS file.
     *
     * @throws SopsException naming a file that does not decrypt
     */
    public Path prepare(String app, String sha, Path appDir, Path worktree) {
        SopsPlan plan =
                planner.rendered(app, sha).or(() -> plans.find(appDir, sha)).orElse(SopsPlan.NONE);
        Path override = appDir.resolve(OVERRIDE);
        try {
            if (plan.isEmpty()) {
                Files.deleteIfExists(override);
                Files2.deleteRecursively(appDir.resolve(DIR).resolve("files"));
                return null;
            }
            plans.save(appDir, sha, plan);
            Written written = new Written(appDir.resolve(DIR), worktree, planner.identities(app));
            Map<String, Object> yaml = OverrideYaml.of(plan, worktree, written::mounted, written::envFile);
            written.removeStaleMounts();
            SecureFiles.writeAtomically(override, OverrideYaml.dump(yaml).getBytes(StandardCharsets.UTF_8));
            return override;
        } catch (IOException e) {
            throw new SopsException("cannot write the decrypted SOPS files in " + appDir + ": " + e.getMessage(), e);
        }
    }

    /** The env file copies: their values are in the containers' configuration once Compose ran. */
    public void deleteEnvFiles(Path appDir) {
        Files2.deleteRecursively(appDir.resolve(DIR).resolve("env"));
    }

    /** Copies written by one apply, each file decrypted once. */
    private static final class Written {
        private final Path dir;
        private final Path worktree;
        private final AgeIdentities ids;
        private final Map<String, Map<String, Object>> trees = new TreeMap<>();
        private final Set<Path> mounts = new HashSet<>();

        Written(Path dir, Path worktree, AgeIdentities ids) throws IOException {
            this.dir = dir;
            this.worktree = worktree;
            this.ids = ids;
            SecureFiles.createPrivateDirectories(dir.resolve("files"));
            SecureFiles.createPrivateDirectories(dir.resolve("env"));
        }

        String mounted(String file) {
            Path target = dir.resolve("files").resolve(name(file));
            write(target, SopsOutput.plain(SopsFormat.of(file), tree(file)));
            mounts.add(target);
            return target.toString();
        }

        String envFile(SopsPlan.EnvFile file) {
            Path target = dir.resolve("env").resolve(name(file.path()));
            Map<String, Object> tree = tree(file.path());
            write(
                    target,
                    SopsOutput.composeEnvFile(file.manifest() ? SopsManifests.environment(file.path(), tree) : tree));
            return target.toString();
        }

        private Map<String, Object> tree(String file) {
            return trees.computeIfAbsent(file, f -> SopsPlanner.decrypt(worktree, f, ids));
        }

        /** Stable per repository path, so a mount's source does not move between commits. */
        private static String name(String file) {
            String base = Path.of(file).getFileName().toString();
            return sha(file) + "-" + base;
        }

        private static String sha(String file) {
            try {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(file.getBytes(StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(d, 0, 6);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void write(Path target, byte[] content) {
            try {
                SecureFiles.writeAtomically(target, content);
            } catch (IOException e) {
                throw new SopsException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }

        void removeStaleMounts() throws IOException {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve("files"))) {
                for (Path f : files) {
                    if (!mounts.contains(f)) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }
}
