package io.conops.server.sync;

import io.conops.core.app.ConditionType;
import io.conops.core.app.InvalidSpecException;
import io.conops.core.app.StackSetRules;
import io.conops.server.app.AppEntity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The stacks of a stack set at one commit, exported into a folder: from its stacks file
 * (DockerOps' {@code stacks.yaml}: {@code - name: web-stack}, each a folder beside the file holding
 * its compose file) or from its glob over compose files (the stack is the folder holding a match).
 * Every path stays inside the export: a folder reached through a symbolic link out of it is refused.
 */
final class StackList {
    private static final int MAX_STACKS = 200;
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    private StackList() {}

    /** Stack name to its compose file's path relative to the repository root, sorted by name. */
    static SortedMap<String, String> read(AppEntity set, Path root, String sha) {
        SortedMap<String, String> stacks = set.getStacksFile() != null
                ? fromFile(root, set.getStacksFile(), sha)
                : fromGlob(root, set.getStacksGlob(), sha);
        stacks.keySet().forEach(stack -> childName(set.getName(), stack));
        return stacks;
    }

    private static SortedMap<String, String> fromFile(Path root, String stacksFile, String sha) {
        Path file = inside(root, root.resolve(stacksFile), stacksFile);
        if (!Files.isRegularFile(file)) {
            throw invalid("stacks file " + stacksFile + " not found at " + SyncRunner.abbrev(sha));
        }
        SortedMap<String, String> stacks = new TreeMap<>();
        for (String name : names(file, stacksFile)) {
            childName("x", name); // the name is a folder: check it before it is looked up
            Path folder = inside(root, file.getParent().resolve(name), name);
            String compose = StackSetRules.COMPOSE_FILES.stream()
                    .filter(f -> Files.isRegularFile(folder.resolve(f)))
                    .findFirst()
                    .orElseThrow(() -> invalid("stack '" + name + "': no compose.yaml or docker-compose.yml in "
                            + root.relativize(folder) + " at " + SyncRunner.abbrev(sha)));
            if (stacks.put(name, relative(root, folder.resolve(compose))) != null) {
                throw invalid(stacksFile + " lists stack '" + name + "' twice");
            }
        }
        return stacks;
    }

    /** {@code - name: web} entries (a plain {@code - web} is taken too). */
    private static List<String> names(Path file, String stacksFile) {
        Object doc;
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw invalid(stacksFile + " is larger than 1 MiB");
            }
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            doc = new Yaml(new SafeConstructor(options)).load(in);
        } catch (IOException | YAMLException e) {
            throw invalid(stacksFile + " cannot be read: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(doc instanceof List<?> list)) {
            throw invalid(stacksFile + " must be a list of stacks: - name: web-stack");
        }
        if (list.size() > MAX_STACKS) {
            throw invalid(stacksFile + " lists more than " + MAX_STACKS + " stacks");
        }
        return list.stream()
                .map(entry -> entry instanceof Map<?, ?> m ? m.get("name") : entry)
                .map(name -> {
                    if (!(name instanceof String s)) {
                        throw invalid(stacksFile + ": every entry needs a name: - name: web-stack");
                    }
                    return s;
                })
                .toList();
    }

    private static SortedMap<String, String> fromGlob(Path root, String glob, String sha) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        SortedMap<String, String> stacks = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2 || rel.startsWith(".git") || !matcher.matches(rel)) {
                    continue;
                }
                String name = rel.getParent().getFileName().toString();
                String was = stacks.put(name, relative(root, f));
                if (was != null) {
                    throw invalid("stacks_glob " + glob + " finds two stacks named '" + name + "': " + was + " and "
                            + relative(root, f));
                }
                if (stacks.size() > MAX_STACKS) {
                    throw invalid("stacks_glob " + glob + " finds more than " + MAX_STACKS + " stacks");
                }
            }
        } catch (IOException e) {
            throw new SyncFailure("cannot list the commit's files: " + e.getMessage(), e);
        }
        if (stacks.isEmpty()) {
            throw invalid("stacks_glob " + glob + " matches no compose file at " + SyncRunner.abbrev(sha));
        }
        return stacks;
    }

    private static void childName(String parent, String stack) {
        try {
            StackSetRules.childName(parent, stack);
        } catch (InvalidSpecException e) {
            throw invalid(e.reason());
        }
    }

    /** The path, refused when it (or a link on its way) leads out of the export. */
    private static Path inside(Path root, Path path, String shown) {
        Path p = path.normalize();
        try {
            Path real = Files.exists(p) ? p.toRealPath() : p;
            if (!p.startsWith(root) || !real.startsWith(root.toRealPath())) {
                throw invalid(shown + " leads out of the repository");
            }
        } catch (IOException e) {
            throw invalid(shown + " cannot be read: " + e.getMessage());
        }
        return p;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static SyncFailure invalid(String message) {
        return new SyncFailure(ConditionType.INVALID_COMPOSE, message);
    }
}
