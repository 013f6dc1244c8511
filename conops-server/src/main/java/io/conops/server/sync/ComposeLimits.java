package io.conops.server.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Refuses a compose file before Compose reads it when reading it would take unbounded memory or
 * time: a YAML alias bomb of nine levels drove {@code docker compose config} to 22 GB, and a 5 MB
 * file of 100,000 keys ran it into the sync timeout. The limits hold for the file and for the files
 * it pulls in from the checkout ({@code include}, {@code extends.file}); the expanded size counts
 * them together. SnakeYAML only composes the node graph here (aliases stay shared nodes), so
 * measuring the expansion costs as much as the file is long.
 */
final class ComposeLimits {
    static final long MAX_BYTES = 1024 * 1024;
    static final int MAX_ALIASES = 1_000;
    static final int MAX_DEPTH = 50;
    static final long MAX_NODES = 100_000;
    static final long MAX_TEXT = 4L * 1024 * 1024;
    static final int MAX_FILES = 50;

    private final Path root;
    private final Map<Node, Size> sizes = new IdentityHashMap<>();
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Path> seen = new HashSet<>();
    private final Deque<Path> queue = new ArrayDeque<>();
    private long nodes;
    private long text;
    private String name;

    /** What a node stands for once its aliases are expanded; sums stop just past the limits. */
    private record Size(long nodes, long text, int height) {}

    private ComposeLimits(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * @param root the checkout; files outside it are not followed
     * @throws SyncFailure naming the file and the limit it passes
     */
    static void check(Path root, Path composeFile) {
        ComposeLimits limits = new ComposeLimits(root);
        Path first = composeFile.toAbsolutePath().normalize();
        limits.seen.add(first);
        limits.queue.add(first);
        while (!limits.queue.isEmpty()) {
            limits.checkFile(limits.queue.poll());
        }
    }

    private void checkFile(Path file) {
        name = root.relativize(file).toString();
        try {
            long bytes = Files.size(file);
            if (bytes > MAX_BYTES) {
                throw refuse("is %,d bytes; ConOps accepts compose files up to 1 MiB (%,d bytes)", bytes, MAX_BYTES);
            }
            try (InputStream in = Files.newInputStream(file);
                    Reader reader = new UnicodeReader(in)) {
                for (Node document : yaml().composeAll(reader)) {
                    count(size(document, 1));
                    includes(document, file);
                }
            }
        } catch (YAMLException e) {
            throw refused(e);
        } catch (IOException e) {
            throw new SyncFailure("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit((int) MAX_BYTES);
        // only composed, never constructed into objects: any tag is harmless, and Compose has its own
        options.setTagInspector(tag -> true);
        return new Yaml(options);
    }

    private void count(Size document) {
        nodes = Math.min(MAX_NODES + 1, nodes + document.nodes());
        text = Math.min(MAX_TEXT + 1, text + document.text());
        if (nodes > MAX_NODES) {
            throw refuse(
                    "expands to more than %,d YAML nodes (keys, values, list items) once its aliases are"
                            + " resolved; ConOps accepts up to %,d",
                    MAX_NODES, MAX_NODES);
        }
        if (text > MAX_TEXT) {
            throw refuse(
                    "expands to more than 4 MiB of text once its aliases are resolved; ConOps accepts up to 4 MiB");
        }
    }

    /** Memoised per node, so an alias used a million times is measured once. */
    private Size size(Node node, int depth) {
        if (open.contains(node)) {
            throw refuse("has a YAML alias inside the anchor it refers to; it would expand without end");
        }
        Size known = sizes.get(node);
        if (known == null) {
            open.add(node);
            known = measure(node, depth);
            open.remove(node);
            sizes.put(node, known);
        }
        if (depth + known.height() - 1 > MAX_DEPTH) {
            throw deeperThanLimit();
        }
        return known;
    }

    private Size measure(Node node, int depth) {
        if (depth > MAX_DEPTH) {
            throw deeperThanLimit();
        }
        long n = 1;
        long t = node instanceof ScalarNode s ? s.getValue().length() : 0;
        int height = 0;
        for (Node child : children(node)) {
            Size c = size(child, depth + 1);
            n = Math.min(MAX_NODES + 1, n + c.nodes());
            t = Math.min(MAX_TEXT + 1, t + c.text());
            height = Math.max(height, c.height());
        }
        return new Size(n, t, height + 1);
    }

    private static List<Node> children(Node node) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        List<Node> out = new ArrayList<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                out.add(t.getKeyNode());
                out.add(t.getValueNode());
            }
        }
        return out;
    }

    /** Queues the checkout's files that Compose would read along: {@code include} and {@code extends.file}. */
    private void includes(Node document, Path file) {
        if (!(document instanceof MappingNode top)) {
            return;
        }
        for (Node item : items(value(top, "include"))) {
            items(item instanceof MappingNode m ? value(m, "path") : item).forEach(p -> follow(p, file));
        }
        if (value(top, "services") instanceof MappingNode services) {
            for (NodeTuple service : services.getValue()) {
                if (service.getValueNode() instanceof MappingNode def
                        && value(def, "extends") instanceof MappingNode ext) {
                    follow(value(ext, "file"), file);
                }
            }
        }
    }

    private void follow(Node ref, Path from) {
        // interpolated and remote paths are Compose's business: it resolves them, not the checkout
        if (!(ref instanceof ScalarNode s)
                || s.getValue().contains("$")
                || s.getValue().contains("://")) {
            return;
        }
        Path target = from.getParent().resolve(s.getValue()).normalize();
        try {
            if (!target.startsWith(root)
                    || !Files.isRegularFile(target)
                    || !target.toRealPath().startsWith(root.toRealPath())
                    || !seen.add(target)) {
                return;
            }
        } catch (IOException e) {
            return; // Compose reports a file it cannot read
        }
        if (seen.size() > MAX_FILES) {
            throw refuse(
                    "pulls in more than %d files (include, extends); ConOps accepts up to %d", MAX_FILES, MAX_FILES);
        }
        queue.add(target);
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static List<Node> items(Node node) {
        return node instanceof SequenceNode s ? s.getValue() : node == null ? List.of() : List.of(node);
    }

    private SyncFailure deeperThanLimit() {
        return refuse("nests more than %d levels deep; ConOps accepts up to %d", MAX_DEPTH, MAX_DEPTH);
    }

    /** SnakeYAML's own limits and syntax errors, in the same words as ours. */
    private SyncFailure refused(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Number of aliases for non-scalar nodes")) {
            return refuse(
                    "uses more than %,d YAML aliases of lists or maps; ConOps accepts up to %,d",
                    MAX_ALIASES, MAX_ALIASES);
        }
        if (message.startsWith("Nesting Depth exceeded")) {
            return deeperThanLimit();
        }
        if (message.startsWith("The incoming YAML document exceeds the limit")) {
            return refuse("is longer than 1 MiB; ConOps accepts compose files up to 1 MiB");
        }
        if (e.getCause() instanceof CharacterCodingException) {
            return refuse("is not UTF-8 text");
        }
        if (e instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            Mark at = marked.getProblemMark();
            String where = at == null ? "" : " (line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + ")";
            return new SyncFailure(
                    "invalid compose file " + name + ": not valid YAML: " + marked.getProblem() + where, e);
        }
        return new SyncFailure("invalid compose file " + name + ": not valid YAML: " + message, e);
    }

    private SyncFailure refuse(String format, Object... args) {
        return new SyncFailure(name + " " + String.format(Locale.ROOT, format, args));
    }
}
