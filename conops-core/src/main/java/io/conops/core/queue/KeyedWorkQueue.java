package io.conops.core.queue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;

/**
 * Runs work per key, at most one at a time per key. Work submitted for a key that is running is
 * remembered and run exactly once more afterwards, however many submissions arrived meanwhile;
 * their payloads are merged (by default the latest wins). Parallelism across keys is bounded by
 * the executor.
 */
public final class KeyedWorkQueue<K, T> {
    private final Executor executor;
    private final BiConsumer<K, T> worker;
    private final BiConsumer<K, Throwable> onFailure;
    private final BinaryOperator<T> merge;
    private final Map<K, Slot<T>> slots = new HashMap<>();

    private static final class Slot<T> {
        T next;
        boolean rerun;
    }

    public KeyedWorkQueue(Executor executor, BiConsumer<K, T> worker, BiConsumer<K, Throwable> onFailure) {
        this(executor, worker, onFailure, (pending, latest) -> latest);
    }

    /** @param merge combines the payload already waiting with a new one into the one that will run */
    public KeyedWorkQueue(
            Executor executor, BiConsumer<K, T> worker, BiConsumer<K, Throwable> onFailure, BinaryOperator<T> merge) {
        this.executor = executor;
        this.worker = worker;
        this.onFailure = onFailure;
        this.merge = merge;
    }

    /** Queues work for the key; returns true when it started (or is queued to start) a fresh run. */
    public boolean submit(K key, T payload) {
        synchronized (slots) {
            Slot<T> slot = slots.get(key);
            if (slot != null) {
                slot.next = slot.rerun ? merge.apply(slot.next, payload) : payload;
                slot.rerun = true;
                return false;
            }
            slot = new Slot<>();
            slots.put(key, slot);
        }
        try {
            executor.execute(() -> drain(key, payload));
        } catch (RuntimeException e) {
            synchronized (slots) {
                slots.remove(key);
            }
            throw e;
        }
        return true;
    }

    /** True while work for the key is running or waiting to re-run. */
    public boolean busy(K key) {
        synchronized (slots) {
            return slots.containsKey(key);
        }
    }

    public int inFlight() {
        synchronized (slots) {
            return slots.size();
        }
    }

    private void drain(K key, T first) {
        T payload = first;
        while (true) {
            try {
                worker.accept(key, payload);
            } catch (Throwable t) {
                onFailure.accept(key, t);
            }
            synchronized (slots) {
                Slot<T> slot = slots.get(key);
                if (slot == null || !slot.rerun) {
                    slots.remove(key);
                    return;
                }
                slot.rerun = false;
                payload = slot.next;
                slot.next = null;
            }
        }
    }
}
