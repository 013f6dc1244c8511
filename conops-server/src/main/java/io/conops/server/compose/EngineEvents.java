package io.conops.server.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.conops.core.port.EngineEventsPort;
import io.conops.core.queue.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Engine's event stream for containers of Compose projects and for Swarm services. Events that
 * can mean drift (a container died, was stopped, killed, removed, ran out of memory, turned
 * unhealthy, or was started outside a sync) are passed on with the project's name; a service updated
 * or removed, with the service's name. When the stream ends (the Engine restarted
 * or went away) it reconnects with capped backoff and reports the reconnection, so the listener can
 * compare everything: events missed meanwhile are lost.
 */
public class EngineEvents implements EngineEventsPort.Subscription {
    private static final Logger log = LoggerFactory.getLogger(EngineEvents.class);
    /**
     * {@code start} is among them because a container started outside a sync (an extra one, or one
     * recreated by hand) raises no other event; Compose's own starts during a sync are absorbed by
     * the app's queue and the compare after the sync.
     */
    static final Set<String> DRIFT_ACTIONS = Set.of("die", "kill", "stop", "destroy", "oom", "start");
    /**
     * A Swarm service changed ({@code scale} and {@code update} are both an update) or went. The
     * Swarm replaces failed tasks itself: its task containers' events are not ConOps' business.
     */
    static final Set<String> SERVICE_ACTIONS = Set.of("update", "remove");
    /** A stream that lived this long was healthy: the next reconnect starts the backoff anew. */
    private static final Duration STABLE = Duration.ofSeconds(30);

    private final DockerEngine engine;
    private final EngineEventsPort.Listener listener;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "conops-events");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean stopped;
    private volatile Stream current;
    private int failures;
    /** Set when a stream ended: events may have been missed until the next one is confirmed. */
    private volatile boolean missed;

    public EngineEvents(DockerEngine engine, EngineEventsPort.Listener listener, Backoff backoff) {
        this.engine = engine;
        this.listener = listener;
        this.backoff = backoff;
    }

    public void start() {
        scheduler.execute(this::connect);
    }

    /** Ends the current stream as if the Engine had closed it; a new one follows with backoff. */
    public void dropStream() {
        Stream s = current;
        if (s != null) {
            s.close();
            ended(s, new IOException("stream dropped"));
        }
    }

    @Override
    public boolean connected() {
        Stream s = current;
        return s != null && !s.closed;
    }

    @Override
    public long connections() {
        return generation.get();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        Stream stream = new Stream();
        try {
            stream.client
                    .eventsCmd()
                    // services only on a swarm manager; elsewhere (Podman too) the type just never matches
                    .withEventTypeFilter(EventType.CONTAINER, EventType.SERVICE)
                    // no label filter: Podman 4.3 sends nothing for one that names a key only; the
                    // project label is looked for in onNext instead
                    .exec(stream);
            // the subscription is only known to work once the Engine answers
            stream.client.pingCmd().exec();
        } catch (RuntimeException e) {
            stream.close();
            ended(stream, e);
            return;
        }
        if (stream.closed) {
            return; // ended already; ended() scheduled the next attempt
        }
        current = stream;
        stream.connectedAt = Instant.now();
        generation.incrementAndGet();
        if (missed) {
            missed = false;
            log.info("Engine event stream is back; comparing every app");
            try {
                listener.reconnected();
            } catch (RuntimeException e) {
                log.warn("Full compare after reconnecting failed: {}", e.getMessage());
            }
        } else {
            log.info("Following the Engine's container events");
        }
    }

    private synchronized void ended(Stream stream, Throwable why) {
        if (stopped || stream.reported) {
            return;
        }
        stream.reported = true;
        missed = true;
        if (current == stream) {
            current = null;
        }
        if (stream.connectedAt != null
                && Duration.between(stream.connectedAt, Instant.now()).compareTo(STABLE) > 0) {
            failures = 0;
        }
        failures++;
        Duration delay = backoff.delayAfter(failures);
        log.warn(
                "Engine event stream ended ({}); reconnecting in {} ms",
                why == null ? "closed" : why.getMessage(),
                delay.toMillis());
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stopped = true;
        scheduler.shutdownNow();
        Stream s = current;
        if (s != null) {
            s.close();
        }
    }

    /** One subscription with a client of its own, so closing it ends exactly this stream. */
    private final class Stream extends ResultCallback.Adapter<Event> {
        final DockerClient client = engine.newStreamingClient();
        volatile Instant connectedAt;
        volatile boolean closed;
        boolean reported;

        @Override
        public void onNext(Event event) {
            String action = event.getAction() == null ? event.getStatus() : event.getAction();
            if (action == null) {
                return;
            }
            if (event.getType() == EventType.SERVICE) {
                service(event, action);
                return;
            }
            boolean unhealthy = action.startsWith("health_status") && action.contains("unhealthy");
            if (!unhealthy && !DRIFT_ACTIONS.contains(action)) {
                return;
            }
            Map<String, String> attrs =
                    event.getActor() == null ? null : event.getActor().getAttributes();
            String project = attrs == null ? null : attrs.get(DockerEngine.PROJECT_LABEL);
            if (project != null) {
                try {
                    listener.containerEvent(project, action);
                } catch (RuntimeException e) {
                    log.warn("Handling {} of a container of {} failed: {}", action, project, e.getMessage());
                }
            }
        }

        private void service(Event event, String action) {
            Map<String, String> attrs =
                    event.getActor() == null ? null : event.getActor().getAttributes();
            String name = attrs == null ? null : attrs.get("name");
            if (name != null && SERVICE_ACTIONS.contains(action)) {
                try {
                    listener.serviceEvent(name, action);
                } catch (RuntimeException e) {
                    log.warn("Handling {} of service {} failed: {}", action, name, e.getMessage());
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            close();
            ended(this, t);
        }

        @Override
        public void onComplete() {
            close();
            ended(this, null);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                super.close();
            } catch (IOException | RuntimeException ignored) {
                // closing a broken stream
            }
            try {
                client.close();
            } catch (IOException | RuntimeException ignored) {
                // the client goes with its stream
            }
        }
    }
}
