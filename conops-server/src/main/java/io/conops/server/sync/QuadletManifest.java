package io.conops.server.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One homelab-gitops {@code manifest.yml} as a Compose service. The manifest holds Podman Quadlet
 * unit sections ({@code Container}, {@code Unit}, {@code Service}), each key a list of values as in a
 * unit file; the {@code [Container]} keys map to the Compose fields that mean the same. A key ConOps
 * cannot express is refused by name rather than dropped, so nothing runs differently than written.
 */
final class QuadletManifest {
    /** Quadlet keys without a Compose meaning that changes what runs; read and left out. */
    private static final Set<String> IGNORED = Set.of("AutoUpdate", "Notify", "Pull");

    /** Sections of a unit that say nothing about the container Compose makes. */
    private static final Set<String> OTHER_SECTIONS = Set.of("Install", "X-Container");

    private final String file;
    private final Map<String, List<String>> container;
    private final Map<String, List<String>> unit;
    private final Map<String, List<String>> service;
    private final Map<String, Object> out = new LinkedHashMap<>();
    private final Set<String> volumes = new java.util.TreeSet<>();
    private final Set<String> networks = new java.util.TreeSet<>();

    /** The Compose service, and the named volumes and networks it needs declared at the top level. */
    record Translated(Map<String, Object> service, Set<String> volumes, Set<String> networks) {}

    private QuadletManifest(String file, Map<String, Map<String, List<String>>> sections) {
        this.file = file;
        this.container = sections.getOrDefault("Container", Map.of());
        this.unit = sections.getOrDefault("Unit", Map.of());
        this.service = sections.getOrDefault("Service", Map.of());
    }

    /**
     * @param file the manifest's path, for messages
     * @param sections the manifest, without the variables its {@code manifest.sops.yml} sets
     * @param template substitutes {@code ${SERVICE_DIR}} and the other homelab-gitops variables
     * @param services the names in config.yml, for {@code Requires=gitops-<name>.service}
     */
    static Translated translate(
            String file,
            Map<String, Map<String, List<String>>> sections,
            UnaryOperator<String> template,
            Set<String> services) {
        for (String section : sections.keySet()) {
            if (!Set.of("Container", "Unit", "Service").contains(section) && !OTHER_SECTIONS.contains(section)) {
                throw new SyncFailure(file + ": section '" + section + "' is not a Quadlet container unit section"
                        + " (Container, Unit, Service, Install)");
            }
        }
        QuadletManifest m = new QuadletManifest(file, sections);
        m.container(template);
        m.unit(services);
        m.service();
        return new Translated(m.out, m.volumes, m.networks);
    }

    private void container(UnaryOperator<String> template) {
        Map<String, List<String>> c = new TreeMap<>();
        container.forEach((k, v) ->
                c.put(k, v.stream().map(template).map(QuadletManifest::literal).toList()));
        if (!c.containsKey("Image")) {
            throw new SyncFailure(file + ": Container.Image is required");
        }
        for (Map.Entry<String, List<String>> e : c.entrySet()) {
            String key = e.getKey();
            List<String> values = e.getValue();
            if (values.isEmpty() || IGNORED.contains(key)) {
                continue;
            }
            String last = values.get(values.size() - 1);
            switch (key) {
                case "Image" -> out.put("image", last);
                case "ContainerName" -> out.put("container_name", last);
                case "HostName" -> out.put("hostname", last);
                case "Exec" -> out.put("command", String.join(" ", values));
                case "Entrypoint" -> out.put("entrypoint", last);
                case "User" -> out.put("user", last);
                case "WorkingDir" -> out.put("working_dir", last);
                case "Environment" -> out.put("environment", assignments(key, values));
                case "EnvironmentFile" -> out.put("env_file", values);
                case "PublishPort" -> out.put("ports", values);
                case "Label" -> out.put("labels", assignments(key, values));
                case "Volume" ->
                    out.put("volumes", values.stream().map(this::volume).toList());
                case "Network" -> values.forEach(this::network);
                case "AddCapability" -> out.put("cap_add", words(values));
                case "DropCapability" -> out.put("cap_drop", words(values));
                case "AddDevice" -> out.put("devices", values);
                case "Tmpfs" -> out.put("tmpfs", values);
                case "ReadOnly" -> out.put("read_only", bool(key, last));
                case "RunInit" -> out.put("init", bool(key, last));
                case "StopSignal" -> out.put("stop_signal", last);
                case "StopTimeout" -> out.put("stop_grace_period", last + "s");
                case "HealthCmd" -> health().put("test", List.of("CMD-SHELL", last));
                case "HealthInterval" -> health().put("interval", last);
                case "HealthTimeout" -> health().put("timeout", last);
                case "HealthStartPeriod" -> health().put("start_period", last);
                case "HealthRetries" -> health().put("retries", number(key, last));
                default ->
                    throw new SyncFailure(file + ": Container." + key + " is not supported by ConOps (supported: Image,"
                            + " ContainerName, HostName, Exec, Entrypoint, User, WorkingDir, Environment,"
                            + " EnvironmentFile, PublishPort, Label, Volume, Network, AddCapability, DropCapability,"
                            + " AddDevice, Tmpfs, ReadOnly, RunInit, StopSignal, StopTimeout, Health*)");
            }
        }
    }

    /** {@code Requires=gitops-db.service} (and After, Wants, BindsTo) on another listed service. */
    private void unit(Set<String> services) {
        List<String> deps = new ArrayList<>();
        for (String key : List.of("Requires", "Wants", "After", "BindsTo")) {
            for (String unitName : words(unit.getOrDefault(key, List.of()))) {
                if (unitName.startsWith("gitops-") && unitName.endsWith(".service")) {
                    String name = unitName.substring("gitops-".length(), unitName.length() - ".service".length());
                    if (services.contains(name) && !deps.contains(name)) {
                        deps.add(name);
                    }
                }
            }
        }
        if (!deps.isEmpty()) {
            out.put("depends_on", deps);
        }
    }

    /** systemd's {@code Restart=} as Compose's restart policy; ConOps heals either way. */
    private void service() {
        List<String> restart = service.getOrDefault("Restart", List.of());
        if (restart.isEmpty()) {
            return;
        }
        String policy = switch (restart.get(restart.size() - 1)) {
            case "no" -> "no";
            case "always" -> "always";
            case "on-failure", "on-abnormal", "on-abort", "on-watchdog" -> "on-failure";
            default -> "unless-stopped";
        };
        out.put("restart", policy);
    }

    /** {@code SOURCE:DEST[:OPTIONS]}; a {@code name.volume} source is the named volume {@code name}. */
    private String volume(String v) {
        String[] parts = v.split(":", 3);
        if (parts.length < 2) {
            return v; // an anonymous volume at a container path
        }
        String source = parts[0];
        if (source.endsWith(".volume")) {
            source = source.substring(0, source.length() - ".volume".length());
        }
        if (!source.startsWith("/") && !source.startsWith(".") && !source.startsWith("~")) {
            volumes.add(source);
        }
        return source + v.substring(parts[0].length());
    }

    /** {@code host} and {@code none} are network modes; any other name (or {@code name.network}) a network. */
    private void network(String n) {
        String name = n.split(":", 2)[0];
        if (name.equals("host") || name.equals("none") || name.startsWith("container:")) {
            out.put("network_mode", name);
            return;
        }
        if (name.endsWith(".network")) {
            name = name.substring(0, name.length() - ".network".length());
        }
        networks.add(name);
        out.put("networks", List.copyOf(networks));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> health() {
        return (Map<String, Object>) out.computeIfAbsent("healthcheck", k -> new LinkedHashMap<String, Object>());
    }

    private List<String> assignments(String key, List<String> values) {
        for (String v : values) {
            if (!v.contains("=")) {
                throw new SyncFailure(file + ": Container." + key + " '" + v + "' is not NAME=value");
            }
        }
        return values;
    }

    private boolean bool(String key, String value) {
        return switch (value) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new SyncFailure(file + ": Container." + key + " must be true or false");
        };
    }

    private int number(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SyncFailure(file + ": Container." + key + " must be a number");
        }
    }

    private static List<String> words(List<String> values) {
        return values.stream()
                .flatMap(v -> java.util.Arrays.stream(v.trim().split("\\s+")))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    /** A unit file does no {@code $} interpolation; Compose would, so every {@code $} is escaped. */
    private static String literal(String value) {
        return value.replace("$", "$$");
    }
}
