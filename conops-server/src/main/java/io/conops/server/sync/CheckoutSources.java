package io.conops.server.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Refuses, before Compose reads anything, a relative path in the compose files that leaves the
 * checkout through {@code ..} or through a symlink in the repository: Compose itself would read an
 * {@code env_file}, {@code include}, {@code extends.file} or build context there (and copy what it
 * read into the rendered model), and Docker would mount a bind source or config or secret file
 * from there. Absolute paths are the installation's business ({@link HostPaths}); interpolated and
 * remote ones are checked once rendered. Runs after {@link ComposeLimits}, so the files are small.
 */
final class CheckoutSources {
    private final Path root;
    private final Set<Path> seen = new HashSet<>();
    private final Deque<Path> queue = new ArrayDeque<>();

    private CheckoutSources(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** @throws SyncFailure naming the file, the field and the path */
    static void check(Path root, Path composeFile) {
        CheckoutSources c = new CheckoutSources(root);
        Path first = composeFile.toAbsolutePath().normalize();
        c.seen.add(first);
        c.queue.add(first);
        while (!c.queue.isEmpty()) {
            c.checkFile(c.queue.poll());
        }
    }

    private void checkFile(Path file) {
        try (InputStream in = Files.newInputStream(file);
                Reader reader = new UnicodeReader(in)) {
            LoaderOptions options = new LoaderOptions();
            options.setTagInspector(tag -> true); // composed only, never constructed
            for (Node document : new Yaml(options).composeAll(reader)) {
                if (document instanceof MappingNode top) {
                    checkDocument(file, top);
                }
            }
        } catch (IOException e) {
            throw new SyncFailure("cannot read " + root.relativize(file) + ": " + e.getMessage(), e);
        }
    }

    private void checkDocument(Path file, MappingNode top) {
        for (Node item : items(value(top, "include"))) {
            for (Node p : items(item instanceof MappingNode m ? value(m, "path") : item)) {
                follow(file, "include", p);
            }
            if (item instanceof MappingNode m) {
                items(value(m, "env_file")).forEach(p -> inside(file, "include env_file", p));
                inside(file, "include project_directory", value(m, "project_directory"));
            }
        }
        for (String kind : List.of("configs", "secrets")) {
            for (NodeTuple t : entries(value(top, kind))) {
                if (t.getValueNode() instanceof MappingNode def) {
                    inside(file, kind + " " + scalar(t.getKeyNode()) + " file", value(def, "file"));
                }
            }
        }
        for (NodeTuple service : entries(value(top, "services"))) {
            if (service.getValueNode() instanceof MappingNode def) {
                checkService(file, "service " + scalar(service.getKeyNode()), def);
            }
        }
    }

    private void checkService(Path file, String service, MappingNode def) {
        for (Node volume : items(value(def, "volumes"))) {
            if (volume instanceof ScalarNode s) {
                String source = s.getValue().split(":", 2)[0];
                if (source.startsWith(".")) { // otherwise a named volume or an absolute host path
                    inside(file, service + " volume", source);
                }
            } else if (volume instanceof MappingNode m && "bind".equals(scalar(value(m, "type")))) {
                inside(file, service + " volume", value(m, "source"));
            }
        }
        for (Node envFile : items(value(def, "env_file"))) {
            inside(file, service + " env_file", envFile instanceof MappingNode m ? value(m, "path") : envFile);
        }
        Node build = value(def, "build");
        inside(file, service + " build context", build instanceof MappingNode m ? value(m, "context") : build);
        if (value(def, "extends") instanceof MappingNode ext) {
            follow(file, service + " extends file", value(ext, "file"));
        }
    }

    /** Checks a file Compose reads as YAML too, and queues it. */
    private void follow(Path file, String field, Node ref) {
        Path target = inside(file, field, ref);
        if (target != null && Files.isRegularFile(target) && seen.add(target)) {
            queue.add(target);
        }
    }

    private Path inside(Path file, String field, Node ref) {
        return ref instanceof ScalarNode s ? inside(file, field, s.getValue()) : null;
    }

    /** The checked path, or null when it is not a relative local path (absolute, interpolated, remote). */
    private Path inside(Path file, String field, String path) {
        if (path == null
                || path.isEmpty()
                || path.contains("$")
                || path.contains("://")
                || path.startsWith("~")
                || path.startsWith("git@")
                || Path.of(path).isAbsolute()) {
            return null;
        }
        Path target = file.getParent().resolve(path).normalize();
        if (!target.startsWith(root)) {
            throw refuse(file, field, path, "leaves the repository's checkout through ..");
        }
        Path real = Checkouts.realPath(target);
        if (!real.startsWith(Checkouts.realPath(root))) {
            throw refuse(file, field, path, "leaves the repository's checkout through a symlink (to " + real + ")");
        }
        return target;
    }

    private SyncFailure refuse(Path file, String field, String path, String why) {
        return new SyncFailure(root.relativize(file) + ": " + field + " '" + path + "' " + why
                + "; ConOps uses only files inside the repository (absolute host paths are allowed)");
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (key.equals(scalar(t.getKeyNode()))) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static List<NodeTuple> entries(Node node) {
        return node instanceof MappingNode m ? m.getValue() : List.of();
    }

    private static List<Node> items(Node node) {
        return node instanceof SequenceNode s ? s.getValue() : node == null ? List.of() : List.of(node);
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }
}
