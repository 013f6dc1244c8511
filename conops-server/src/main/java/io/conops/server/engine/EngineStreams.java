package io.conops.server.engine;

import io.conops.core.port.EngineEventsPort;
import io.conops.core.queue.Backoff;
import io.conops.server.compose.EngineEvents;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loop's {@link EngineEventsPort}: one event stream per engine in use, each reconnecting on its
 * own, so an engine that is away leaves the others' events flowing. Engines that come into use
 * later get their stream when they do.
 */
class EngineStreams implements EngineEventsPort {
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final Engines engines;

    EngineStreams(Engines engines) {
        this.engines = engines;
    }

    @Override
    public Subscription follow(Listener listener) {
        Streams streams = new Streams(listener);
        streams.added(engines.local());
        engines.watch(streams);
        return streams;
    }

    private static final class Streams implements Subscription, Engines.Watcher {
        private final Listener listener;
        private final Map<Engine, EngineEvents> byEngine = new ConcurrentHashMap<>();
        private volatile boolean closed;

        Streams(Listener listener) {
            this.listener = listener;
        }

        @Override
        public synchronized void added(Engine engine) {
            if (closed || byEngine.containsKey(engine)) {
                return;
            }
            EngineEvents events = new EngineEvents(engine.docker(), listener, BACKOFF);
            byEngine.put(engine, events);
            events.start();
        }

        @Override
        public synchronized void removed(Engine engine) {
            EngineEvents events = byEngine.remove(engine);
            if (events != null) {
                events.close();
            }
        }

        /** Every engine's stream is open. */
        @Override
        public boolean connected() {
            return byEngine.values().stream().allMatch(EngineEvents::connected);
        }

        @Override
        public long connections() {
            return byEngine.values().stream()
                    .mapToLong(EngineEvents::connections)
                    .sum();
        }

        @Override
        public synchronized void close() {
            closed = true;
            byEngine.values().forEach(EngineEvents::close);
            byEngine.clear();
        }
    }
}
