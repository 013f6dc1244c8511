package io.conops.server.webhook;

import io.conops.server.app.AppEntity;
import io.conops.server.app.AppStore;
import io.conops.server.app.StoredCredentials;
import io.conops.server.sync.PushedCommits;
import io.conops.server.system.ConopsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * One delivery from start to end: read, authenticated against the secrets of the apps it concerns,
 * checked for a replay, and every app following the pushed branch synced to the pushed commit.
 * Each delivery is logged in one line, without its signature or anything of a secret.
 */
@Component
class WebhookReceiver {
    /** The largest body taken: a push of many commits is large, yet nowhere near this. */
    static final int LIMIT = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);
    private static final String NOT_VERIFIED =
            "does not verify with the webhook secret of the apps registered for this repository";

    /** How a delivery ended: the status, the apps synced, and what the log says of it. */
    record Outcome(HttpStatus status, List<String> matched, String summary) {
        static Outcome ignored(String why) {
            return new Outcome(HttpStatus.OK, List.of(), why);
        }
    }

    private final AppStore apps;
    private final StoredCredentials credentials;
    private final PushedCommits pushedCommits;
    private final RecentDeliveries recent;
    private final Optional<String> globalSecret;
    private final MeterRegistry meters;

    WebhookReceiver(
            AppStore apps,
            StoredCredentials credentials,
            PushedCommits pushedCommits,
            RecentDeliveries recent,
            ConopsProperties props,
            MeterRegistry meters) {
        this.meters = meters;
        this.apps = apps;
        this.credentials = credentials;
        this.pushedCommits = pushedCommits;
        this.recent = recent;
        this.globalSecret = props.globalWebhookSecret();
    }

    Outcome receive(Provider provider, HttpHeaders headers, InputStream in) throws IOException {
        String delivery = printable(provider.deliveryId(headers));
        try {
            Outcome outcome = handle(provider, headers, in.readNBytes(LIMIT + 1));
            log.info("Webhook {} delivery {}: {}", provider.wire(), delivery, outcome.summary());
            count(provider, outcome.status() == HttpStatus.ACCEPTED ? "accepted" : "ignored");
            return outcome;
        } catch (WebhookRefused e) {
            log.info(
                    "Webhook {} delivery {} refused ({}): {}",
                    provider.wire(),
                    delivery,
                    e.status().value(),
                    e.reason());
            count(provider, "refused");
            throw e;
        }
    }

    /** conops_webhook_deliveries_total{provider,result}: accepted (syncs started), ignored or refused. */
    private void count(Provider provider, String result) {
        Counter.builder("conops.webhook.deliveries")
                .description("Webhook deliveries by provider and result")
                .tag("provider", provider.wire())
                .tag("result", result)
                .register(meters)
                .increment();
    }

    private Outcome handle(Provider provider, HttpHeaders headers, byte[] body) {
        if (body.length > LIMIT) {
            throw WebhookRefused.tooLarge(LIMIT);
        }
        String header = provider.signatureHeader();
        if (provider.signature(headers) == null) {
            throw WebhookRefused.unauthorized(
                    header, "is missing: sign deliveries with the webhook secret", "no " + header + " header");
        }
        JsonNode json = Payloads.json(body, contentType(headers));
        Delivery delivery = provider.read(headers, json);
        List<AppEntity> sameRepository =
                apps.all().stream().filter(a -> delivery.names(a.getRepoUrl())).toList();
        List<AppEntity> verified = sameRepository.stream()
                .filter(a -> provider.verifies(headers, body, secretOf(a)))
                .toList();
        boolean authentic = sameRepository.isEmpty()
                ? provider.verifies(headers, body, globalSecret.orElse(null))
                : !verified.isEmpty();
        if (!authentic) {
            throw WebhookRefused.unauthorized(header, NOT_VERIFIED, whyNotVerified(delivery, sameRepository));
        }
        if (!recent.firstTime(provider, provider.deliveryId(headers), body)) {
            return Outcome.ignored("ignored: the same delivery arrived in the last 10 minutes");
        }
        return switch (delivery.kind()) {
            case PING -> Outcome.ignored("ping");
            case OTHER -> Outcome.ignored("ignored: event " + printable(delivery.event()));
            case PUSH -> push(delivery, verified);
        };
    }

    /** Syncs every verified app that follows the pushed branch; the others learn of it at their next poll. */
    private Outcome push(Delivery delivery, List<AppEntity> verified) {
        if (delivery.branch() == null) {
            return Outcome.ignored("ignored: a push that is not to a branch");
        }
        String what = "push to " + printable(delivery.branch());
        if (delivery.commit() == null) {
            return Outcome.ignored("ignored: " + what + " deleted the branch");
        }
        what += " at " + delivery.commit().substring(0, 12);
        List<String> matched = verified.stream()
                .filter(a -> a.getBranch().equals(delivery.branch()))
                .filter(a -> pushedCommits.pushed(a.getId(), delivery.commit()))
                .map(AppEntity::getName)
                .toList();
        if (matched.isEmpty()) {
            return Outcome.ignored(what + ": no app follows this branch");
        }
        return new Outcome(HttpStatus.ACCEPTED, matched, what + ": syncing " + String.join(", ", matched));
    }

    /** An app's own secret beats the global one. */
    private String secretOf(AppEntity app) {
        String own = credentials.webhookSecret(app);
        return own != null ? own : globalSecret.orElse(null);
    }

    /** For the operator's log: what to fix. The sender is told none of it. */
    private String whyNotVerified(Delivery delivery, List<AppEntity> sameRepository) {
        String repository = delivery.repoUrls().isEmpty()
                ? "no repository"
                : printable(delivery.repoUrls().get(0));
        if (sameRepository.isEmpty()) {
            return globalSecret.isEmpty()
                    ? "no app is registered for " + repository + " and CONOPS_WEBHOOK_SECRET is not set"
                    : "no app is registered for " + repository + ", and the signature does not match"
                            + " CONOPS_WEBHOOK_SECRET";
        }
        List<String> names = sameRepository.stream().map(AppEntity::getName).toList();
        if (globalSecret.isEmpty() && sameRepository.stream().allMatch(a -> credentials.webhookSecret(a) == null)) {
            return "no webhook secret is set for " + names + ": set webhook_secret or CONOPS_WEBHOOK_SECRET";
        }
        return "the signature matches the webhook secret of none of " + names;
    }

    private static MediaType contentType(HttpHeaders headers) {
        try {
            return headers.getContentType();
        } catch (InvalidMediaTypeException e) {
            return null; // read as JSON, which it then has to be
        }
    }

    /** A sender's text as a log may show it: printable ASCII, bounded. */
    private static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
