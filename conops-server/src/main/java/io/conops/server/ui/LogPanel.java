package io.conops.server.ui;

import io.conops.core.port.EnginePort.LogStream;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppService;
import io.conops.server.sync.AppLogs;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The app page's log panel: the last lines of each service, then each new one as the Engine sends
 * it, as server-sent events (the same reading as {@code GET /api/v1/apps/{id}/logs?follow=true}).
 * A quiet panel gets a comment every {@link AppLogs#HEARTBEAT}, so a browser that left is noticed
 * and its reading released.
 */
@Controller
class LogPanel {
    private static final int TAIL = 50;
    private static final long TIMEOUT = Duration.ofMinutes(30).toMillis();

    private final AppService apps;
    private final AppLogs logs;

    private final Set<SseEmitter> panels = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ui-log-heartbeat");
        t.setDaemon(true);
        return t;
    });

    LogPanel(AppService apps, AppLogs logs) {
        this.apps = apps;
        this.logs = logs;
        long every = AppLogs.HEARTBEAT.toMillis();
        beats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    @GetMapping(path = "/ui/apps/{name}/logs", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter logs(@PathVariable String name) {
        AppEntity app = apps.find(name);
        SseEmitter panel = new SseEmitter(TIMEOUT);
        LogStream reading =
                logs.read(logs.sources(app, null, TAIL), TAIL, true, line -> send(panel, "line", line), () -> {
                    send(panel, "end", "end");
                    panel.complete();
                });
        Runnable release = () -> {
            panels.remove(panel);
            reading.close();
        };
        panel.onCompletion(release);
        panel.onTimeout(release);
        panel.onError(e -> release.run());
        panels.add(panel);
        return panel;
    }

    /** A comment to every open panel: the only way to learn that a browser left a quiet app's page. */
    private void heartbeat() {
        for (SseEmitter panel : panels) {
            send(panel, SseEmitter.event().comment("heartbeat"));
        }
    }

    private static void send(SseEmitter panel, String event, String data) {
        send(panel, SseEmitter.event().name(event).data(data));
    }

    private static void send(SseEmitter panel, SseEmitter.SseEventBuilder event) {
        try {
            panel.send(event);
        } catch (IOException | IllegalStateException gone) {
            panel.completeWithError(gone); // the browser left: completing closes the reading
        }
    }

    /** Ends the open panels before the web server's graceful shutdown, which would wait for them. */
    @EventListener(ContextClosedEvent.class)
    void close() {
        beats.shutdownNow();
        panels.forEach(SseEmitter::complete);
    }
}
