package io.conops.server.notify;

import io.conops.core.app.NotifyUrl;
import jakarta.annotation.PreDestroy;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends notices, each to one URL, on threads of its own: the request is asynchronous with a
 * timeout, and a failed attempt is tried again later (twice the wait each time) by a scheduler,
 * so no thread of the loop, and no thread here, waits on a receiver. Logs name the target by
 * its kind and where it was set, never by its URL.
 */
@Component
class Deliveries {
    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** How one delivery ended, after its last attempt; {@code detail} never holds the URL. */
    record Result(boolean delivered, String detail) {}

    private final NotifyProperties props;
    private final ExecutorService io = Executors.newCachedThreadPool(daemons("conops-notify-http-"));
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(daemons("conops-notify-retry-"));
    private final HttpClient http;

    Deliveries(NotifyProperties props) {
        this.props = props;
        this.http = HttpClient.newBuilder()
                .connectTimeout(props.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(io)
                .build();
    }

    /** Sends with the configured attempts; the future completes after the last one. */
    CompletableFuture<Result> send(NotifyUrl to, String target, Notice notice) {
        return send(to, target, notice, props.attempts());
    }

    CompletableFuture<Result> send(NotifyUrl to, String target, Notice notice, int attempts) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        attempt(to, target, notice, 1, attempts, done);
        return done;
    }

    private void attempt(
            NotifyUrl to, String target, Notice n, int attempt, int attempts, CompletableFuture<Result> done) {
        CompletableFuture<HttpResponse<Void>> sent;
        try {
            sent = http.sendAsync(Messages.request(to, n, props.timeout()), HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((response, error) -> {
            Result r = error != null
                    ? new Result(false, failure(error))
                    : new Result(response.statusCode() / 100 == 2, "HTTP " + response.statusCode());
            if (r.delivered() || attempt >= attempts || retries.isShutdown()) {
                if (!r.delivered()) {
                    log.warn(
                            "Notification {} to {} not delivered after {} attempt(s): {}",
                            n.event().wire(),
                            target,
                            attempt,
                            r.detail());
                }
                done.complete(r);
                return;
            }
            try {
                retries.schedule(
                        () -> attempt(to, target, n, attempt + 1, attempts, done),
                        backoff(attempt).toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RuntimeException stopping) {
                done.complete(r);
            }
        });
    }

    private Duration backoff(int attempt) {
        Duration d = props.backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** The kind of failure only: an exception's message may quote the address. */
    private static String failure(Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        return e.getClass().getSimpleName();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
        io.shutdownNow();
    }
}
