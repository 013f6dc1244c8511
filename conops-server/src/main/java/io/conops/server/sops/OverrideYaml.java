package io.conops.server.sops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The Compose override that points at decrypted copies. Bind mounts merge by target and top-level
 * secrets and configs by name, so naming the copy replaces the encrypted file; a service's
 * {@code env_file} list would be appended to, so it is replaced whole with Compose's
 * {@code !override} tag (Compose 2.24 and later), keeping its order and its other files.
 */
final class OverrideYaml {
    private OverrideYaml() {}

    /** A list Compose must take instead of the merged one. */
    record Replace(List<Object> items) {}

    /**
     * @param mounted repository path of a SOPS file -> path of its decrypted copy
     * @param envFile a SOPS env file -> path of its decrypted copy for Compose
     */
    static Map<String, Object> of(
            SopsPlan plan,
            Path worktree,
            UnaryOperator<String> mounted,
            java.util.function.Function<SopsPlan.EnvFile, String> envFile) {
        Map<String, Object> services = new LinkedHashMap<>();
        Map<String, Object> top = new LinkedHashMap<>();
        for (SopsPlan.Use use : plan.uses()) {
            switch (use.kind()) {
                case BIND -> {
                    Map<String, Object> volume = new LinkedHashMap<>();
                    volume.put("type", "bind");
                    volume.put("source", mounted.apply(use.file()));
                    volume.put("target", use.target());
                    volume.put("read_only", use.readOnly());
                    service(services, use.service()).computeIfAbsent("volumes", k -> new ArrayList<Object>());
                    @SuppressWarnings("unchecked")
                    List<Object> volumes =
                            (List<Object>) service(services, use.service()).get("volumes");
                    volumes.add(volume);
                }
                case SECRET, CONFIG -> {
                    String kind = use.kind() == SopsPlan.Kind.SECRET ? "secrets" : "configs";
                    @SuppressWarnings("unchecked")
                    Map<String, Object> section =
                            (Map<String, Object>) top.computeIfAbsent(kind, k -> new LinkedHashMap<>());
                    section.computeIfAbsent(use.target(), k -> Map.of("file", mounted.apply(use.file())));
                }
            }
        }
        plan.envFiles().forEach((service, files) -> {
            List<Object> list = new ArrayList<>();
            for (SopsPlan.EnvFile f : files) {
                String path = f.sops()
                        ? envFile.apply(f)
                        : f.inRepo() ? worktree.resolve(f.path()).toString() : f.path();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("path", path);
                entry.put("required", f.required());
                list.add(entry);
            }
            service(services, service).put("env_file", new Replace(list));
        });
        Map<String, Object> root = new LinkedHashMap<>();
        if (!services.isEmpty()) {
            root.put("services", services);
        }
        root.putAll(top);
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> services, String name) {
        return (Map<String, Object>) services.computeIfAbsent(name, k -> new LinkedHashMap<>());
    }

    static String dump(Map<String, Object> root) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(new TaggingRepresenter(options), options).dump(root);
    }

    private static final class TaggingRepresenter extends Representer {
        TaggingRepresenter(DumperOptions options) {
            super(options);
            this.representers.put(
                    Replace.class,
                    data -> representSequence(
                            new Tag("!override"), ((Replace) data).items(), DumperOptions.FlowStyle.BLOCK));
        }
    }
}
