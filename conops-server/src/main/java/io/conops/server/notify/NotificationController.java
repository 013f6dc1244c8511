package io.conops.server.notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conops.core.ConopsException;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppService;
import io.conops.server.system.ApiProblem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/notifications/test}: one test message to every target, and how each went. */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

    /** The body, optional: with an app, its own URLs are tried too. */
    record TestRequest(@JsonProperty("app") String app) {}

    /**
     * How one target took the test message.
     *
     * @param target "global #N" or "app NAME #N", never the URL (a secret)
     * @param detail "HTTP 200", or the kind of failure (ConnectException, HttpTimeoutException, ...)
     */
    record TargetResult(
            @JsonProperty("target") String target,
            @JsonProperty("kind") String kind,
            @JsonProperty("delivered") boolean delivered,
            @JsonProperty("detail") String detail) {}

    record TestAnswer(@JsonProperty("results") List<TargetResult> results) {}

    private final Notifier notifier;
    private final AppService apps;
    private final Clock clock;

    NotificationController(Notifier notifier, AppService apps, Clock clock) {
        this.notifier = notifier;
        this.apps = apps;
        this.clock = clock;
    }

    @PostMapping({"/test", "/test/"})
    TestAnswer test(@RequestBody(required = false) TestRequest body) {
        AppEntity app = body == null || body.app() == null ? null : apps.get(body.app());
        List<Notifier.Target> targets = notifier.targets(app);
        if (targets.isEmpty()) {
            throw new NoTargets();
        }
        Notice notice = new Notice(
                Notice.Event.TEST,
                app == null ? null : app.getName(),
                app == null ? null : app.getStatus().wire(),
                app == null ? null : app.getHealth().wire(),
                app == null ? null : app.getLastSyncedCommit(),
                "a test message from ConOps: notifications reach this receiver",
                clock.instant());
        List<CompletableFuture<Deliveries.Result>> sent = notifier.test(targets, notice);
        List<TargetResult> results = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Deliveries.Result r = sent.get(i).join(); // one attempt each, bounded by CONOPS_NOTIFY_TIMEOUT
            results.add(new TargetResult(
                    targets.get(i).name(), targets.get(i).url().kind().wire(), r.delivered(), r.detail()));
        }
        return new TestAnswer(results);
    }

    static final class NoTargets extends ConopsException implements ApiProblem {
        NoTargets() {
            super("no notification URL is set: set CONOPS_NOTIFY_URLS, or the app's notify_urls and name the app");
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.CONFLICT;
        }

        @Override
        public String title() {
            return "Nothing to notify";
        }

        @Override
        public String field() {
            return "notify_urls";
        }
    }
}
