package io.conops.server.ui;

import io.conops.core.port.EnginePort.LogStream;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppService;
import io.conops.server.sync.AppLogs;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The app page's log panel: the last lines of each service, then each new one as the Engine sends
 * it, as server-sent events (the same reading as {@code GET /api/v1/apps/{id}/logs?follow=true}).
 */
@Controller
class LogPanel {
    private static final int TAIL = 50;
    private static final long TIMEOUT = Duration.ofMinutes(30).toMillis();

    private final AppService apps;
    private final AppLogs logs;

    LogPanel(AppService apps, AppLogs logs) {
        this.apps = apps;
        this.logs = logs;
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
        panel.onCompletion(reading::close);
        panel.onTimeout(reading::close);
        panel.onError(e -> reading.close());
        return panel;
    }

    private static void send(SseEmitter panel, String event, String data) {
        try {
            panel.send(SseEmitter.event().name(event).data(data));
        } catch (IOException | IllegalStateException gone) {
            panel.completeWithError(gone); // the browser left: onError closes the reading
        }
    }
}
