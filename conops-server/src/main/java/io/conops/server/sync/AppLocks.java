package io.conops.server.sync;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/** One operation at a time per app, whether a sync or a delete. */
@Component
public class AppLocks {
    private final ConcurrentHashMap<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();

    public ReentrantLock of(UUID app) {
        return locks.computeIfAbsent(app, k -> new ReentrantLock());
    }

    public boolean tryLock(UUID app, long timeout, TimeUnit unit) throws InterruptedException {
        return of(app).tryLock(timeout, unit);
    }

    public void forget(UUID app) {
        locks.remove(app);
    }
}
