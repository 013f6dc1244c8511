package io.conops.ctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The login contexts in {@code $XDG_CONFIG_HOME/conops/config.json} (else {@code
 * ~/.config/conops/config.json}): named server + token pairs and the current one. The file holds
 * tokens, so it is written 0600 through a temp file and a rename, never readable by others.
 */
final class Contexts {
    record Context(String name, String server, String token) {
        @Override
        public String toString() {
            return "Context[name=" + name + ", server=" + server + "]";
        }
    }

    private final Path file;
    private final Map<String, Context> all;
    private String current;

    private Contexts(Path file, Map<String, Context> all, String current) {
        this.file = file;
        this.all = all;
        this.current = current;
    }

    static Path file(Setup setup) {
        String xdg = setup.env().get("XDG_CONFIG_HOME");
        String home = setup.env().getOrDefault("HOME", System.getProperty("user.home"));
        Path dir = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config");
        return dir.resolve("conops").resolve("config.json");
    }

    static Contexts load(Setup setup) {
        Path file = file(setup);
        Map<String, Context> all = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return new Contexts(file, all, null);
        }
        JsonNode root;
        try {
            root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CtlException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        for (Map.Entry<String, JsonNode> e : root.path("contexts").properties()) {
            all.put(
                    e.getKey(),
                    new Context(
                            e.getKey(),
                            e.getValue().path("server").asString(null),
                            e.getValue().path("token").asString(null)));
        }
        return new Contexts(file, all, root.path("current").asString(null));
    }

    Optional<Context> current() {
        return Optional.ofNullable(current).map(all::get);
    }

    String currentName() {
        return current;
    }

    Map<String, Context> all() {
        return all;
    }

    Path path() {
        return file;
    }

    void put(Context c) {
        all.put(c.name(), c);
        current = c.name();
    }

    void use(String name) {
        if (!all.containsKey(name)) {
            throw new CtlException(
                    ExitCodes.NOT_FOUND, "no context '" + name + "' in " + file + "; see 'contexts list'");
        }
        current = name;
    }

    void save() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("current", current);
        ObjectNode contexts = root.putObject("contexts");
        all.values()
                .forEach(c ->
                        contexts.putObject(c.name()).put("server", c.server()).put("token", c.token()));
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(
                    file.getParent(),
                    ".config",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, Json.pretty(root), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CtlException(ExitCodes.UNEXPECTED, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
