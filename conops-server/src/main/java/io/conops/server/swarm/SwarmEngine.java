package io.conops.server.swarm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Config;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.conops.core.ConopsException;
import io.conops.core.app.ConditionType;
import io.conops.core.port.EnginePort;
import io.conops.core.port.SwarmPort;
import io.conops.core.swarm.ObservedService;
import io.conops.server.compose.DockerEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The Swarm through the Engine API (docker-java): one listing of services and one of tasks per stack. */
public class SwarmEngine implements SwarmPort {
    /** What {@code docker stack deploy} labels every service, config, secret, network and volume with. */
    public static final String NAMESPACE = "com.docker.stack.namespace";

    private static final int TASK_ERRORS = 3;

    private final DockerEngine engine;
    private final DockerClient client;
    /** docker-java's own models are Jackson 2 beans: serialised sorted, they give a stable digest. */
    private final ObjectMapper specs = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);

    public SwarmEngine(DockerEngine engine) {
        this.engine = engine;
        this.client = engine.client();
    }

    @Override
    public String notAManager() {
        SwarmInfo swarm = call(
                "read the Engine's swarm state", () -> client.infoCmd().exec().getSwarm());
        LocalNodeState state = swarm == null ? null : swarm.getLocalNodeState();
        if (state != LocalNodeState.ACTIVE) {
            return "the Docker Engine is not a swarm manager (swarm state "
                    + (state == null ? "inactive" : state.name().toLowerCase(Locale.ROOT))
                    + "): run `docker swarm init` on it, or point ConOps at a manager of the swarm";
        }
        if (!Boolean.TRUE.equals(swarm.getControlAvailable())) {
            return "the Docker Engine is a swarm worker, not a manager: stacks are deployed on a manager "
                    + "(`docker node promote` makes this node one; `docker swarm init` starts a new swarm)";
        }
        return null;
    }

    @Override
    public List<ObservedService> services(String stack) {
        List<Service> services = call(
                "list the services of stack " + stack,
                () -> client.listServicesCmd()
                        .withLabelFilter(Map.of(NAMESPACE, stack))
                        .exec());
        if (services.isEmpty()) {
            return List.of();
        }
        List<Task> tasks = call(
                "list the tasks of stack " + stack,
                () -> client.listTasksCmd()
                        .withLabelFilter(Map.of(NAMESPACE, stack))
                        .exec());
        List<ObservedService> out = new ArrayList<>();
        for (Service s : services) {
            List<Task> own = tasks.stream()
                    .filter(t -> s.getId().equals(t.getServiceId()))
                    .toList();
            out.add(observe(stack, s, own));
        }
        return out;
    }

    private ObservedService observe(String stack, Service s, List<Task> tasks) {
        String service = shortName(stack, s.getSpec().getName());
        Map<String, String> labels =
                s.getSpec().getLabels() == null ? Map.of() : s.getSpec().getLabels();
        List<Task> wanted = tasks.stream()
                .filter(t -> t.getDesiredState() == TaskState.RUNNING)
                .toList();
        int running = (int) wanted.stream()
                .filter(t -> t.getStatus() != null && t.getStatus().getState() == TaskState.RUNNING)
                .count();
        ServiceModeConfig mode = s.getSpec().getMode();
        int desired = mode != null && mode.getReplicated() != null
                ? (int) mode.getReplicated().getReplicas()
                : wanted.size();
        List<String> errors = tasks.stream()
                .filter(t -> t.getStatus() != null
                        && t.getStatus().getErr() != null
                        && !t.getStatus().getErr().isBlank())
                .sorted(Comparator.comparing((Task t) -> t.getStatus().getTimestamp() == null
                                ? ""
                                : t.getStatus().getTimestamp())
                        .reversed())
                .limit(TASK_ERRORS)
                .map(t -> t.getStatus().getErr())
                .toList();
        var update = s.getUpdateStatus();
        return new ObservedService(
                service,
                labels.get(DockerEngine.HASH_LABEL),
                fingerprint(s),
                desired,
                running,
                update == null || update.getState() == null
                        ? null
                        : update.getState().name().toLowerCase(Locale.ROOT),
                update == null ? null : update.getMessage(),
                errors);
    }

    private String fingerprint(Service s) {
        try {
            byte[] spec = specs.writeValueAsBytes(s.getSpec());
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(spec));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | java.security.NoSuchAlgorithmException e) {
            throw new ConopsException(
                    "cannot read the spec of service " + s.getSpec().getName(), e);
        }
    }

    @Override
    public Map<String, String> serviceIds(String stack) {
        Map<String, String> ids = new TreeMap<>();
        for (Service s : call(
                "list the services of stack " + stack,
                () -> client.listServicesCmd()
                        .withLabelFilter(Map.of(NAMESPACE, stack))
                        .exec())) {
            ids.put(shortName(stack, s.getSpec().getName()), s.getId());
        }
        return ids;
    }

    @Override
    public EnginePort.LogStream serviceLogs(
            String serviceId, int tail, boolean follow, Consumer<String> onLine, Runnable onEnd) {
        return engine.serviceLogs(serviceId, tail, follow, onLine, onEnd);
    }

    /** The service's name in the compose file: the stack's name and "_" removed. */
    private static String shortName(String stack, String name) {
        return name.startsWith(stack + "_") ? name.substring(stack.length() + 1) : name;
    }

    @Override
    public Set<String> secretNames() {
        return call("list the swarm's secrets", () -> client.listSecretsCmd().exec()).stream()
                .map(s -> s.getSpec().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public Set<String> stackObjects(String stack) {
        Set<String> names = new TreeSet<>();
        configs(stack).forEach(c -> names.add(c.getSpec().getName()));
        secrets(stack).forEach(s -> names.add(s.getSpec().getName()));
        return names;
    }

    @Override
    public List<String> removeStackObjects(String stack, Set<String> keep) {
        List<String> kept = new ArrayList<>();
        for (Config c : configs(stack)) {
            if (!keep.contains(c.getSpec().getName())) {
                remove(
                        "config " + c.getSpec().getName(),
                        () -> client.removeConfigCmd(c.getId()).exec(),
                        kept);
            }
        }
        for (Secret s : secrets(stack)) {
            if (!keep.contains(s.getSpec().getName())) {
                remove(
                        "secret " + s.getSpec().getName(),
                        () -> client.removeSecretCmd(s.getId()).exec(),
                        kept);
            }
        }
        return kept;
    }

    private static void remove(String what, Runnable removal, List<String> kept) {
        try {
            removal.run();
        } catch (NotFoundException e) {
            // gone already
        } catch (DockerException e) {
            kept.add(what + " kept: " + e.getMessage().strip());
        }
    }

    @Override
    public void removeVolumes(String stack) {
        var volumes = call(
                        "list the volumes of stack " + stack,
                        () -> client.listVolumesCmd()
                                .withFilter("label", List.of(NAMESPACE + "=" + stack))
                                .exec())
                .getVolumes();
        if (volumes == null) {
            return;
        }
        for (var v : volumes) {
            try {
                client.removeVolumeCmd(v.getName()).exec();
            } catch (NotFoundException e) {
                // gone already
            } catch (DockerException e) {
                throw new ConopsException("cannot remove volume " + v.getName() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public ImageRun imageRun(String image) {
        ContainerConfig config = call(
                        "inspect image " + image,
                        () -> client.inspectImageCmd(image).exec())
                .getConfig();
        return new ImageRun(
                config == null || config.getEntrypoint() == null ? List.of() : List.of(config.getEntrypoint()),
                config == null || config.getCmd() == null ? List.of() : List.of(config.getCmd()));
    }

    private List<Config> configs(String stack) {
        return call(
                "list the configs of stack " + stack,
                () -> client.listConfigsCmd()
                        .withFilters(Map.of("label", List.of(NAMESPACE + "=" + stack)))
                        .exec());
    }

    private List<Secret> secrets(String stack) {
        return call(
                "list the secrets of stack " + stack,
                () -> client.listSecretsCmd()
                        .withLabelFilter(Map.of(NAMESPACE, stack))
                        .exec());
    }

    /** docker-java's failures become the Engine being unreachable, as for the Compose path. */
    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException e) {
            throw new ConopsException("cannot " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ConopsException(ConditionType.ENGINE_UNREACHABLE, "cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
