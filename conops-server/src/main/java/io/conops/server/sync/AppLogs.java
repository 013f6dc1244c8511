package io.conops.server.sync;

import io.conops.core.api.ServiceView;
import io.conops.core.app.InvalidSpecException;
import io.conops.core.port.EnginePort;
import io.conops.core.port.EnginePort.LogStream;
import io.conops.core.port.SwarmPort;
import io.conops.server.app.AppEntity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The output of an app's containers (a swarm app's: its services'), read from the Engine API, each
 * line prefixed with its service ({@code web | listening on :80}). Without follow the containers are read one after the other, so
 * each service's lines stay together; with follow they are read at once and interleave as they come.
 */
@Component
public class AppLogs {
    public static final int DEFAULT_TAIL = 100;
    public static final int MAX_TAIL = 5000;
    /** How long a follower may stay silent: then it writes something, to notice a client that left. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private final LiveServices live;
    private final EnginePort engine;
    private final SwarmPort swarm;
    private final Set<Reading> readings = ConcurrentHashMap.newKeySet();

    AppLogs(LiveServices live, EnginePort engine, SwarmPort swarm) {
        this.live = live;
        this.engine = engine;
        this.swarm = swarm;
    }

    /**
     * One container of a service, as found when the request came; for a swarm app, the Swarm
     * service itself (every task's output).
     */
    public record Source(String service, String containerId, String swarmServiceId) {
        public Source(String service, String containerId) {
            this(service, containerId, null);
        }
    }

    /** The containers to read: of one service (which must exist) or of all; checks {@code tail}. */
    public List<Source> sources(AppEntity app, String service, int tail) {
        if (tail < 0 || tail > MAX_TAIL) {
            throw new InvalidSpecException("tail", "must be a number of lines from 0 to " + MAX_TAIL);
        }
        List<ServiceView> services = live.of(app);
        if (service != null && services.stream().noneMatch(s -> s.name().equals(service))) {
            throw new UnknownServiceException(app.getName(), service);
        }
        List<Source> out = new ArrayList<>();
        if (Stacks.handles(app)) {
            swarm.serviceIds(app.getName()).forEach((name, id) -> {
                if (service == null || name.equals(service)) {
                    out.add(new Source(name, null, id));
                }
            });
            return out;
        }
        for (ServiceView s : services) {
            if (service == null || s.name().equals(service)) {
                s.containerIds().forEach(id -> out.add(new Source(s.name(), id)));
            }
        }
        return out;
    }

    /** Parses the {@code tail} parameter as the API receives it. */
    public static int tail(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_TAIL;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("tail", "must be a number of lines from 0 to " + MAX_TAIL);
        }
    }

    /**
     * Reads the sources; {@code onLine} gets {@code "<service> | <line>"}, {@code onEnd} runs once
     * when every source has ended. Closing the result stops whatever is still being read.
     */
    public LogStream read(List<Source> sources, int tail, boolean follow, Consumer<String> onLine, Runnable onEnd) {
        Reading reading = new Reading(sources, tail, follow, onLine, onEnd);
        readings.add(reading);
        reading.start();
        return reading;
    }

    /** Readings not closed yet: each holds Engine streams (and, for the API, a request thread). */
    int openReadings() {
        return readings.size();
    }

    private final class Reading implements LogStream {
        private final List<Source> sources;
        private final int tail;
        private final boolean follow;
        private final Consumer<String> onLine;
        private final Runnable onEnd;
        private final List<LogStream> open = new ArrayList<>();
        private final AtomicInteger remaining;
        private boolean closed;

        Reading(List<Source> sources, int tail, boolean follow, Consumer<String> onLine, Runnable onEnd) {
            this.sources = sources;
            this.tail = tail;
            this.follow = follow;
            this.onLine = onLine;
            this.onEnd = onEnd;
            this.remaining = new AtomicInteger(sources.size());
        }

        void start() {
            if (sources.isEmpty()) {
                onEnd.run();
            } else if (follow) {
                sources.forEach(this::open);
            } else {
                open(sources.get(0));
            }
        }

        private void open(Source s) {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            Consumer<String> prefixed = line -> onLine.accept(s.service() + " | " + line);
            LogStream stream = s.swarmServiceId() != null
                    ? swarm.serviceLogs(s.swarmServiceId(), tail, follow, prefixed, () -> ended(s))
                    : engine.logs(s.containerId(), tail, follow, prefixed, () -> ended(s));
            synchronized (this) {
                open.add(stream);
            }
        }

        private void ended(Source s) {
            int left = remaining.decrementAndGet();
            if (left == 0) {
                onEnd.run();
            } else if (!follow) {
                open(sources.get(sources.size() - left));
            }
        }

        @Override
        public void close() {
            List<LogStream> toClose;
            synchronized (this) {
                closed = true;
                toClose = List.copyOf(open);
            }
            readings.remove(this);
            toClose.forEach(LogStream::close);
        }
    }
}
