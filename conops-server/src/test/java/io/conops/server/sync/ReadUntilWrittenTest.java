package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadUntilWrittenTest {
    final AtomicLong writes = new AtomicLong();
    final AtomicInteger reads = new AtomicInteger();
    final ReadUntilWritten<String> stored =
            new ReadUntilWritten<>(() -> "read " + reads.incrementAndGet(), writes::get);

    @Test
    void whileNothingIsWrittenTheDatabaseIsReadOnce() {
        assertThat(stored.get()).isEqualTo("read 1");
        assertThat(stored.get()).isEqualTo("read 1");
        assertThat(stored.get()).isEqualTo("read 1");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aWriteSinceTheLastReadMakesTheNextOneRead() {
        stored.get();
        writes.incrementAndGet();

        assertThat(stored.get()).isEqualTo("read 2");
        assertThat(stored.get()).isEqualTo("read 2");
    }

    @Test
    void aWriteDuringAReadMakesTheNextOneReadAgain() {
        ReadUntilWritten<String> racing = new ReadUntilWritten<>(
                () -> {
                    String seen = "read " + reads.incrementAndGet();
                    writes.incrementAndGet(); // committed after the rows were read
                    return seen;
                },
                writes::get);

        assertThat(racing.get()).isEqualTo("read 1");
        assertThat(racing.get()).isEqualTo("read 2");
    }

    @Test
    void aFailedReadIsTriedAgainAndTheLastGoodOneIsNotKeptForCurrent() {
        AtomicInteger calls = new AtomicInteger();
        ReadUntilWritten<String> flaky = new ReadUntilWritten<>(
                () -> {
                    if (calls.incrementAndGet() == 2) {
                        throw new IllegalStateException("the database is away");
                    }
                    return "read " + calls.get();
                },
                writes::get);
        flaky.get();
        writes.incrementAndGet();

        assertThatThrownBy(flaky::get).hasMessage("the database is away");
        assertThat(flaky.get()).isEqualTo("read 3");
    }
}
