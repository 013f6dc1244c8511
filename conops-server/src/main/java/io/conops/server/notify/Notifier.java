package io.conops.server.notify;

import io.conops.core.app.NotifyUrl;
import io.conops.server.app.AppEntity;
import io.conops.server.app.StoredCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Who hears of an app: the global URLs and the app's own, each named by where it was set and its place. */
@Component
class Notifier {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    /** A URL and how logs and the test's answer name it ("global #1", "app web #2"). */
    record Target(String name, NotifyUrl url) {}

    private final List<Target> global;
    private final StoredCredentials credentials;
    private final Deliveries deliveries;

    Notifier(NotifyProperties props, StoredCredentials credentials, Deliveries deliveries) {
        this.credentials = credentials;
        this.deliveries = deliveries;
        List<NotifyUrl> urls = props.targets();
        List<Target> named = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            named.add(new Target("global #" + (i + 1), urls.get(i)));
        }
        this.global = List.copyOf(named);
    }

    /** Sends the notice to everyone who hears of the app, with retries; returns at once. */
    void tell(AppEntity app, Notice notice) {
        List<Target> targets = targets(app);
        log.info(
                "App {}: {} ({} notification target(s))",
                app.getName(),
                notice.event().wire(),
                targets.size());
        targets.forEach(t -> deliveries.send(t.url(), t.name(), notice));
    }

    /** One attempt to each target, for the test endpoint. */
    List<CompletableFuture<Deliveries.Result>> test(List<Target> targets, Notice notice) {
        return targets.stream()
                .map(t -> deliveries.send(t.url(), t.name(), notice, 1))
                .toList();
    }

    /** The global targets, then the app's own (none when app is null). */
    List<Target> targets(AppEntity app) {
        List<Target> out = new ArrayList<>(global);
        if (app != null) {
            List<String> own = credentials.notifyUrls(app);
            for (int i = 0; i < own.size(); i++) {
                try {
                    out.add(new Target("app " + app.getName() + " #" + (i + 1), NotifyUrl.parse(own.get(i))));
                } catch (IllegalArgumentException e) {
                    // stored through the same check; only an older rule could have let it in
                    log.warn("App {}: notification URL #{} {}", app.getName(), i + 1, e.getMessage());
                }
            }
        }
        return out;
    }
}
