package io.conops.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedWorkQueueTest {
    final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void submissionsDuringARunCauseExactlyOneRerunWithTheLatestPayload() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> runs = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(2);
        KeyedWorkQueue<String, String> q = new KeyedWorkQueue<>(
                pool,
                (k, p) -> {
                    runs.add(p);
                    if (p.equals("first")) {
                        firstStarted.countDown();
                        await(release);
                    }
                    done.countDown();
                },
                (k, e) -> {});

        assertThat(q.submit("app", "first")).isTrue();
        firstStarted.await(5, TimeUnit.SECONDS);
        assertThat(q.submit("app", "second")).isFalse();
        assertThat(q.submit("app", "third")).isFalse();
        assertThat(q.busy("app")).isTrue();
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        assertThat(runs).containsExactly("first", "third");
        assertThat(q.busy("app")).isFalse();
    }

    @Test
    void pendingPayloadsAreMergedSoAnImportantOneIsNotLost() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> runs = Collections.synchronizedList(new ArrayList<>());
        KeyedWorkQueue<String, Integer> q = new KeyedWorkQueue<>(
                pool,
                (k, p) -> {
                    runs.add(p);
                    if (runs.size() == 1) {
                        firstStarted.countDown();
                        await(release);
                    }
                },
                (k, e) -> {},
                Math::max);
        q.submit("app", 1);
        firstStarted.await(5, TimeUnit.SECONDS);
        q.submit("app", 9);
        q.submit("app", 2);
        release.countDown();
        while (q.busy("app")) {
            sleep(10);
        }
        assertThat(runs).containsExactly(1, 9);
    }

    @Test
    void differentKeysRunInParallelAndTheSameKeyNever() throws Exception {
        AtomicInteger concurrentSameKey = new AtomicInteger();
        AtomicInteger maxSameKey = new AtomicInteger();
        AtomicInteger concurrentAll = new AtomicInteger();
        AtomicInteger maxAll = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        KeyedWorkQueue<String, Integer> q = new KeyedWorkQueue<>(
                pool,
                (k, p) -> {
                    int all = concurrentAll.incrementAndGet();
                    maxAll.accumulateAndGet(all, Math::max);
                    if (k.equals("a")) {
                        maxSameKey.accumulateAndGet(concurrentSameKey.incrementAndGet(), Math::max);
                    }
                    sleep(50);
                    if (k.equals("a")) {
                        concurrentSameKey.decrementAndGet();
                    }
                    concurrentAll.decrementAndGet();
                },
                (k, e) -> {});
        for (int i = 0; i < 20; i++) {
            q.submit("a", i);
            q.submit("b", i);
            q.submit("c", i);
        }
        while (q.inFlight() > 0) {
            sleep(10);
        }
        assertThat(maxSameKey.get()).isEqualTo(1);
        assertThat(maxAll.get()).isGreaterThan(1);
        done.countDown();
    }

    @Test
    void aFailingRunIsReportedAndTheKeyIsFreedAgain() {
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        KeyedWorkQueue<String, String> q = new KeyedWorkQueue<>(
                Runnable::run,
                (k, p) -> {
                    throw new IllegalStateException("boom " + p);
                },
                (k, e) -> failures.add(e));
        q.submit("x", "1");
        q.submit("x", "2");
        assertThat(failures).extracting(Throwable::getMessage).containsExactly("boom 1", "boom 2");
        assertThat(q.busy("x")).isFalse();
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
