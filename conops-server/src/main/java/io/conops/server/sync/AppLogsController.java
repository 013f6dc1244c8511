package io.conops.server.sync;

import io.conops.core.port.EnginePort.LogStream;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/apps/{id}/logs}: the last lines of the app's containers as plain text, one
 * {@code <service> | <line>} per line, and with {@code follow=true} every new line as it comes, each
 * flushed at once. The request's own thread writes (no async executor to run out of): a follow
 * ends when the containers stop or when the client goes away and the next write fails. A quiet
 * follow writes an empty line every {@link AppLogs#HEARTBEAT} (a log line never is one: it starts with its
 * service), because a servlet hears of a client that left only by writing to it; without it, every
 * follower of a quiet service that went away would hold its thread and its Engine streams forever.
 */
@RestController
@RequestMapping("/api/v1/apps")
class AppLogsController {
    /** Marks the end of the output in the queue. */
    private static final String END = new String("end");

    private final AppService apps;
    private final AppLogs logs;

    AppLogsController(AppService apps, AppLogs logs) {
        this.apps = apps;
        this.logs = logs;
    }

    @GetMapping({"/{id}/logs", "/{id}/logs/"})
    void logs(
            @PathVariable String id,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String tail,
            @RequestParam(defaultValue = "false") boolean follow,
            HttpServletResponse response)
            throws IOException, InterruptedException {
        AppEntity app = apps.find(id);
        int lines = AppLogs.tail(tail);
        List<AppLogs.Source> sources = logs.sources(app, service, lines);
        response.setContentType("text/plain;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        BlockingQueue<String> queue = new LinkedBlockingQueue<>(10_000);
        OutputStream out = response.getOutputStream();
        try (LogStream reading = logs.read(sources, lines, follow, queue::offer, () -> putEnd(queue))) {
            out.flush(); // the headers go out now, before the first line
            for (String line = next(queue, follow); line != END; line = next(queue, follow)) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                if (follow && queue.isEmpty()) {
                    out.flush();
                }
            }
        }
        out.flush();
    }

    /** The next line; following, an empty one (the heartbeat) when none came for a while. */
    private static String next(BlockingQueue<String> queue, boolean follow) throws InterruptedException {
        if (!follow) {
            return queue.take();
        }
        String line = queue.poll(AppLogs.HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        return line == null ? "" : line;
    }

    /** Never blocks: the end may be told on a thread that is being interrupted (a closing stream). */
    private static void putEnd(BlockingQueue<String> queue) {
        while (!queue.offer(END)) {
            queue.poll(); // full: the oldest line makes room for the end
        }
    }
}
