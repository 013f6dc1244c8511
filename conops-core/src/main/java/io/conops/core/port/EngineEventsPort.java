package io.conops.core.port;

/** The Docker Engine's container and Swarm service events, followed as a stream that reconnects by itself. */
public interface EngineEventsPort {

    /** What the stream reports. Called on the stream's thread: return quickly. */
    interface Listener {
        /** A container of a Compose project died, stopped, was killed, destroyed or started. */
        void containerEvent(String project, String action);

        /**
         * A Swarm service was updated or removed ({@code docker service scale}, {@code update},
         * {@code rm}, and {@code stack deploy} itself).
         *
         * @param service the service's full name, {@code <stack>_<service>}: the event names no labels
         */
        void serviceEvent(String service, String action);

        /** The stream is back after it ended; events may have been missed. */
        void reconnected();
    }

    /** A stream being followed; closing it stops following. */
    interface Subscription extends AutoCloseable {
        /** True while a confirmed stream is open. */
        boolean connected();

        /** How many times a stream was opened and confirmed (for tests and benchmarks). */
        long connections();

        @Override
        void close();
    }

    Subscription follow(Listener listener);
}
