package io.conops.server.sync;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Lets a wait for a Compose project's containers (readiness after {@code up}) wake up when the
 * Engine reports an event for that project, instead of polling with fixed sleeps.
 */
@Component
class ProjectEvents {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Long> generations = new ConcurrentHashMap<>();

    /** A container of the project changed state. */
    void signal(String project) {
        lock.lock();
        try {
            generations.merge(project, 1L, Long::sum);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The project's event count now, to wait for the next one with {@link #awaitAfter}. */
    long generation(String project) {
        return generations.getOrDefault(project, 0L);
    }

    /** Waits until an event for the project arrives after {@code generation}, or {@code max} passed. */
    void awaitAfter(String project, long generation, Duration max) throws InterruptedException {
        long nanos = max.toNanos();
        lock.lock();
        try {
            while (generation(project) == generation && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }
}
