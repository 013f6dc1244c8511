package io.conops.server.sync;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A read of the database kept until a write makes it old: read again only when the count of writes
 * moved since. The count is taken before the read, so a write that ends during a read makes the
 * next one read again.
 *
 * @param <T> what is read
 */
final class ReadUntilWritten<T> {
    private final Supplier<T> read;
    private final LongSupplier writes;
    private T value;
    private long readAt;

    ReadUntilWritten(Supplier<T> read, LongSupplier writes) {
        this.read = read;
        this.writes = writes;
    }

    /** What is stored: the last read while nothing was written since, else a new read. */
    synchronized T get() {
        long now = writes.getAsLong();
        if (value == null || now != readAt) {
            value = read.get(); // when it fails, the next call reads again
            readAt = now;
        }
        return value;
    }
}
