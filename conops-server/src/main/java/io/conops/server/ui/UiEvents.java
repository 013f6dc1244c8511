package io.conops.server.ui;

import io.conops.server.app.AppEvents;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells open pages that an app changed, the moment the server changed it (server-sent events, no
 * polling): the event carries only the app's id, and the page fetches its new rows. Listeners hear
 * of a change after its commit, so what the page fetches is what was stored. One thread sends, so a
 * slow browser never holds up a sync.
 */
@Controller
class UiEvents {
    private static final long TIMEOUT = Duration.ofMinutes(30).toMillis(); // the browser reconnects

    private final Set<SseEmitter> pages = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ui-events");
        t.setDaemon(true);
        return t;
    });

    @GetMapping(path = "/ui/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter subscribe() throws IOException {
        SseEmitter page = new SseEmitter(TIMEOUT);
        page.onCompletion(() -> pages.remove(page));
        page.onTimeout(() -> pages.remove(page));
        page.onError(e -> pages.remove(page));
        pages.add(page);
        page.send(SseEmitter.event().name("ready").data("ready"));
        return page;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void statusChanged(AppEvents.StatusChanged e) {
        broadcast(e.app());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void registered(AppEvents.Registered e) {
        broadcast(e.app());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void changed(AppEvents.Changed e) {
        broadcast(e.app());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void deleted(AppEvents.Deleted e) {
        broadcast(e.app());
    }

    private void broadcast(UUID app) {
        if (pages.isEmpty()) {
            return;
        }
        sender.execute(() -> {
            for (SseEmitter page : pages) {
                try {
                    page.send(SseEmitter.event().name("app").data(app.toString()));
                } catch (IOException | IllegalStateException gone) {
                    pages.remove(page); // the browser left; it will open a new stream if it comes back
                }
            }
        });
    }

    /**
     * Ends the open streams when the server begins to stop, before the web server's graceful
     * shutdown: that waits for every request in flight, and a page's stream would hold it for its
     * whole timeout (30 s by default, longer than a container runtime waits before it kills).
     */
    @EventListener(ContextClosedEvent.class)
    void close() {
        sender.shutdownNow();
        pages.forEach(SseEmitter::complete);
    }
}
