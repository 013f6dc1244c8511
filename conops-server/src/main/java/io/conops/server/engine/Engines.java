package io.conops.server.engine;

import io.conops.core.app.EngineAddress;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppEvents;
import io.conops.server.app.AppRepository;
import io.conops.server.app.DockerTls;
import io.conops.server.app.StoredCredentials;
import io.conops.server.compose.ComposeCli;
import io.conops.server.compose.DockerEngine;
import io.conops.server.git.KnownHosts;
import io.conops.server.system.ConopsProperties;
import io.conops.server.system.DataDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Which engine each app runs on, and one {@link Engine} per engine in use: apps with the same
 * {@code docker_host} (and, over SSH, the same key; over TCP, the same TLS material) share it.
 * What apps use is read from the database again after an app was registered, changed or deleted,
 * and when a project is asked for that is not known yet.
 */
@Component
public class Engines {
    /** Told when an engine comes into use or goes out of it (the event streams follow them). */
    interface Watcher {
        void added(Engine engine);

        void removed(Engine engine);
    }

    private final Engine local;
    private final AppRepository apps;
    private final StoredCredentials credentials;
    private final ConopsProperties props;
    private final DataDirectory dataDir;
    private final MeterRegistry meters;
    private final Clock clock;
    private final SshForwards forwards;
    private final Map<String, Engine> engines = new HashMap<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    /** App name to its engine's key; absent: not known yet. */
    private volatile Map<String, String> keyOfApp;

    Engines(
            DockerEngine localEngine,
            ComposeCli localCompose,
            AppRepository apps,
            StoredCredentials credentials,
            ConopsProperties props,
            DataDirectory dataDir,
            MeterRegistry meters,
            Clock clock,
            SshForwards forwards) {
        this.local = new Engine(Engine.LOCAL, localEngine, localCompose, null, null);
        this.apps = apps;
        this.credentials = credentials;
        this.props = props;
        this.dataDir = dataDir;
        this.meters = meters;
        this.clock = clock;
        this.forwards = forwards;
    }

    Engine local() {
        return local;
    }

    /** The engine of the app whose Compose project this is; ConOps' own for a project of no app. */
    Engine forProject(String project) {
        Map<String, String> known = keyOfApp;
        if (known == null || !known.containsKey(project)) {
            known = refresh();
        }
        String key = known.get(project);
        synchronized (this) {
            return key == null ? local : engines.getOrDefault(key, local);
        }
    }

    /** Every engine in use with the names of its apps (ConOps' own engine always, first). */
    Map<Engine, List<String>> inUse() {
        Map<String, String> known = keyOfApp == null ? refresh() : keyOfApp;
        Map<Engine, List<String>> out = new LinkedHashMap<>();
        out.put(local, new ArrayList<>());
        synchronized (this) {
            known.forEach(
                    (app, key) -> out.computeIfAbsent(key == null ? local : engines.get(key), e -> new ArrayList<>())
                            .add(app));
        }
        out.values().forEach(names -> names.sort(null));
        return out;
    }

    /** Engines already in use are told to {@code watcher} at once. */
    synchronized void watch(Watcher watcher) {
        watchers.add(watcher);
        engines.values().forEach(watcher::added);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onRegistered(AppEvents.Registered e) {
        keyOfApp = null;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onChanged(AppEvents.Changed e) {
        keyOfApp = null;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onDeleted(AppEvents.Deleted e) {
        keyOfApp = null;
    }

    /** Reads what every app uses, starts the engines that came into use and ends the others. */
    synchronized Map<String, String> refresh() {
        Map<String, String> keys = new HashMap<>();
        Map<String, Engine> used = new HashMap<>();
        for (AppEntity app : apps.findAllByOrderByNameAsc()) {
            EngineAddress address = EngineAddress.parse(app.getDockerHost());
            if (address == null) {
                keys.put(app.getName(), null);
                continue;
            }
            String sshKey = address.isSsh() ? credentials.dockerSshKey(app) : null;
            DockerTls tls = address.isTcp() ? credentials.dockerTls(app) : null;
            String key = address
                    + (sshKey == null ? "" : "#" + digest(sshKey))
                    + (tls == null ? "" : "#" + digest(tls.ca() + "\n" + tls.cert() + "\n" + tls.key()));
            keys.put(app.getName(), key);
            used.computeIfAbsent(key, k -> engines.containsKey(k) ? engines.get(k) : open(k, address, sshKey, tls));
        }
        for (Map.Entry<String, Engine> e : used.entrySet()) {
            if (!engines.containsKey(e.getKey())) {
                engines.put(e.getKey(), e.getValue());
                watchers.forEach(w -> w.added(e.getValue()));
            }
        }
        for (String gone : new ArrayList<>(engines.keySet())) {
            if (!used.containsKey(gone)) {
                Engine engine = engines.remove(gone);
                watchers.forEach(w -> w.removed(engine));
                engine.close();
            }
        }
        Map<String, String> known = Collections.unmodifiableMap(keys);
        keyOfApp = known;
        return known;
    }

    private Engine open(String key, EngineAddress address, String sshKey, DockerTls tls) {
        Map<String, String> env = new HashMap<>(System.getenv());
        // the engine's address is all the CLI may go by: no context or TLS settings of ConOps' own
        env.remove("DOCKER_CONTEXT");
        env.remove("DOCKER_TLS_VERIFY");
        env.remove("DOCKER_CERT_PATH");
        SshTunnel tunnel = null;
        TlsFiles tlsFiles = null;
        String dockerHost = address.toString();
        Path dir = dataDir.root().resolve("engines").resolve(digest(key));
        if (address.isSsh()) {
            tunnel = new SshTunnel(
                    address, sshKey, dir, KnownHosts.locate(props.knownHostsFile(), dataDir.root()), clock, forwards);
            dockerHost = "unix://" + tunnel.socket();
        }
        if (tls != null) {
            tlsFiles = TlsFiles.write(dir, tls);
            env.put("DOCKER_TLS_VERIFY", "1");
            env.put("DOCKER_CERT_PATH", tlsFiles.dir().toString());
        }
        env.put("DOCKER_HOST", dockerHost);
        return new Engine(
                address.toString(),
                new DockerEngine(dockerHost, tlsFiles == null ? null : tlsFiles.dir()),
                new ComposeCli("docker", props.syncTimeout(), env, meters),
                tunnel,
                tlsFiles);
    }

    /** Names a key's folder and engine without showing anything of the key. */
    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    synchronized void close() {
        engines.values().forEach(Engine::close);
        engines.clear();
    }
}
