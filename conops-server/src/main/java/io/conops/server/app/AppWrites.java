package io.conops.server.app;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the writes of apps' rows and credentials, whichever code made them ({@link
 * AppWriteListener} hears of each row written), so that a reader can tell that what it read before
 * is still what is stored: the reconcile tick then compares every app without asking the database.
 * A write is counted when it is flushed and again when its transaction ends, so a read made between
 * the two (which still saw the rows as they were) is not taken for current.
 */
@Component
public class AppWrites {
    private final AtomicLong count = new AtomicLong();

    /** Changes whenever an app's row or credentials were written. */
    public long count() {
        return count.get();
    }

    void written() {
        count.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    count.incrementAndGet();
                }
            });
        }
    }
}
