package io.conops.server.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.conops.core.ConopsException;
import io.conops.core.app.ConditionType;
import io.conops.core.port.EnginePort;
import io.conops.core.reconcile.ContainerHealth;
import io.conops.core.reconcile.ObservedContainer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Observes the Docker Engine through its API (docker-java): listing a project's containers is one
 * HTTP call, so an idle reconcile tick starts no process.
 */
public class DockerEngine implements EnginePort, Closeable {
    public static final String PROJECT_LABEL = "com.docker.compose.project";
    public static final String SERVICE_LABEL = "com.docker.compose.service";
    public static final String ONEOFF_LABEL = "com.docker.compose.oneoff";
    public static final String HASH_LABEL = "conops.config-hash";
    private static final Pattern EXIT = Pattern.compile("Exited \\((-?\\d+)\\)");

    private final DefaultDockerClientConfig config;
    private final DockerClient client;
    /** For logs that are followed: no response timeout, made at the first such request. */
    private DockerClient logClient;

    public DockerEngine(String dockerHost) {
        this(defaults(dockerHost).build());
    }

    /**
     * An app's engine: TLS with the material in {@code tlsCertPath} (ca.pem, cert.pem, key.pem) when
     * given, else none, whatever ConOps' own DOCKER_TLS_VERIFY and DOCKER_CERT_PATH say.
     */
    public DockerEngine(String dockerHost, Path tlsCertPath) {
        this(
                tlsCertPath == null
                        ? defaults(dockerHost).withDockerTlsVerify(false).build()
                        : defaults(dockerHost)
                                .withDockerTlsVerify(true)
                                .withDockerCertPath(tlsCertPath.toString())
                                .build());
    }

    private static DefaultDockerClientConfig.Builder defaults(String dockerHost) {
        DefaultDockerClientConfig.Builder cfg = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (dockerHost != null && !dockerHost.isBlank()) {
            cfg.withDockerHost(dockerHost);
        }
        return cfg;
    }

    private DockerEngine(DefaultDockerClientConfig config) {
        this.config = config;
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        this.client = DockerClientImpl.getInstance(config, http);
    }

    /**
     * A client of its own for the event stream: without a response timeout, since the stream may stay
     * quiet for hours; the caller closes it when the stream ends.
     */
    public DockerClient newStreamingClient() {
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(2)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    public DockerClient client() {
        return client;
    }

    @Override
    public List<ObservedContainer> containers(String project) {
        return observe(list(Map.of(PROJECT_LABEL, project), "containers of " + project));
    }

    @Override
    public Map<String, List<ObservedContainer>> containersByProject() {
        Map<String, List<ObservedContainer>> out = new HashMap<>();
        for (Container c : list(null, "containers")) {
            String project = c.getLabels() == null ? null : c.getLabels().get(PROJECT_LABEL);
            if (project != null) {
                out.computeIfAbsent(project, p -> new ArrayList<>()).addAll(observe(List.of(c)));
            }
        }
        return out;
    }

    /** Containers with the given labels, or with a Compose project label at all when null. */
    private List<Container> list(Map<String, String> labels, String what) {
        try {
            var cmd = client.listContainersCmd().withShowAll(true);
            return labels == null
                    ? cmd.withLabelFilter(List.of(PROJECT_LABEL)).exec()
                    : cmd.withLabelFilter(labels).exec();
        } catch (RuntimeException e) {
            throw new ConopsException(
                    ConditionType.ENGINE_UNREACHABLE,
                    "cannot list " + what + " on the Docker Engine: " + e.getMessage(),
                    e);
        }
    }

    private static List<ObservedContainer> observe(List<Container> found) {
        List<ObservedContainer> out = new ArrayList<>();
        for (Container c : found) {
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            if ("True".equalsIgnoreCase(labels.get(ONEOFF_LABEL))) {
                continue; // `compose run` containers are not part of the deployment
            }
            String status = c.getStatus() == null ? "" : c.getStatus();
            out.add(new ObservedContainer(
                    c.getId(),
                    c.getNames() != null && c.getNames().length > 0
                            ? c.getNames()[0].replaceFirst("^/", "")
                            : c.getId(),
                    labels.get(SERVICE_LABEL),
                    c.getImage(),
                    c.getState(),
                    exitCode(status),
                    health(status),
                    labels.get(HASH_LABEL),
                    c.getCreated() == null ? null : Instant.ofEpochSecond(c.getCreated())));
        }
        return out;
    }

    @Override
    public String imageId(String image) {
        try {
            return client.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            return null;
        } catch (DockerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreachable("cannot inspect image " + image, e);
        }
    }

    /** No answer at all (refused, TLS handshake failed, connection lost): the engine cannot be asked. */
    private static ConopsException unreachable(String what, RuntimeException e) {
        return new ConopsException(
                ConditionType.ENGINE_UNREACHABLE, what + " on the Docker Engine: " + e.getMessage(), e);
    }

    @Override
    public java.util.Set<String> containerImageIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Container c : client.listContainersCmd().withShowAll(true).exec()) {
            if (c.getImageId() != null) {
                ids.add(c.getImageId());
            }
        }
        return ids;
    }

    @Override
    public List<String> imageTags(String imageId) {
        try {
            List<String> tags = client.inspectImageCmd(imageId).exec().getRepoTags();
            return tags == null ? List.of() : List.copyOf(tags);
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    @Override
    public boolean removeImage(String reference) {
        try {
            client.removeImageCmd(reference).withForce(false).exec();
            return true;
        } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException e) {
            return false;
        }
    }

    @Override
    public void removeContainer(String id) {
        try {
            // anonymous volumes are kept: nothing a hand-made container wrote is lost
            client.removeContainerCmd(id)
                    .withForce(true)
                    .withRemoveVolumes(false)
                    .exec();
        } catch (NotFoundException gone) {
            // removed meanwhile: what we wanted
        } catch (RuntimeException e) {
            throw new ConopsException("cannot remove container " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void restartContainer(String id) {
        try {
            client.restartContainerCmd(id).withTimeout(10).exec();
        } catch (NotFoundException gone) {
            // removed meanwhile: the next compare sees it missing
        } catch (RuntimeException e) {
            throw new ConopsException("cannot restart container " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void startContainer(String id) {
        try {
            client.startContainerCmd(id).exec();
        } catch (NotModifiedException running) {
            // started meanwhile (a restart policy): what we wanted
        } catch (NotFoundException gone) {
            // removed meanwhile: the next compare sees it missing
        } catch (RuntimeException e) {
            throw new ConopsException("cannot start container " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> repoDigests(String image) {
        try {
            List<String> digests = client.inspectImageCmd(image).exec().getRepoDigests();
            return digests == null ? List.of() : List.copyOf(digests);
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    @Override
    public LogStream logs(String containerId, int tail, boolean follow, Consumer<String> onLine, Runnable onEnd) {
        ContainerLogs stream = new ContainerLogs(onLine, onEnd);
        try {
            (follow ? logClient() : client)
                    .logContainerCmd(containerId)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTail(tail)
                    .withFollowStream(follow)
                    .exec(stream);
        } catch (RuntimeException e) {
            stream.onError(e);
        }
        return stream;
    }

    /** A Swarm service's output, every task's, in the same lines as a container's ({@link #logs}). */
    public LogStream serviceLogs(String serviceId, int tail, boolean follow, Consumer<String> onLine, Runnable onEnd) {
        ContainerLogs stream = new ContainerLogs(onLine, onEnd);
        try {
            (follow ? logClient() : client)
                    .logServiceCmd(serviceId)
                    .withStdout(true)
                    .withStderr(true)
                    .withTail(tail)
                    .withFollow(follow)
                    .exec(stream);
        } catch (RuntimeException e) {
            stream.onError(e);
        }
        return stream;
    }

    private synchronized DockerClient logClient() {
        if (logClient == null) {
            logClient = DockerClientImpl.getInstance(
                    config,
                    new ApacheDockerHttpClient.Builder()
                            .dockerHost(config.getDockerHost())
                            .sslConfig(config.getSSLConfig())
                            .maxConnections(64)
                            .connectionTimeout(Duration.ofSeconds(5))
                            .build());
        }
        return logClient;
    }

    /** Throws when the Engine does not answer. */
    public String version() {
        return client.versionCmd().exec().getVersion();
    }

    static int exitCode(String status) {
        Matcher m = EXIT.matcher(status);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static ContainerHealth health(String status) {
        if (status.contains("(unhealthy)")) return ContainerHealth.UNHEALTHY;
        if (status.contains("(health: starting)")) return ContainerHealth.STARTING;
        if (status.contains("(healthy)")) return ContainerHealth.HEALTHY;
        return ContainerHealth.NONE;
    }

    @Override
    public void close() throws IOException {
        client.close();
        synchronized (this) {
            if (logClient != null) {
                logClient.close();
            }
        }
    }
}
