package io.conops.server.webhook;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/** A sender of webhooks: the headers it signs and names its deliveries with, and how it writes a push. */
enum Provider {
    GITHUB(
            List.of("X-Hub-Signature-256"),
            List.of("X-GitHub-Delivery"),
            List.of("X-GitHub-Event"),
            Signatures::hub,
            Payloads::github),
    GITLAB(
            List.of("X-Gitlab-Token"),
            List.of("X-Gitlab-Event-UUID"),
            List.of("X-Gitlab-Event"),
            Signatures::token,
            Payloads::gitlab),
    /** Gitea, and Forgejo, which sends the same headers under its own name too. */
    GITEA(
            List.of("X-Gitea-Signature", "X-Forgejo-Signature"),
            List.of("X-Gitea-Delivery", "X-Forgejo-Delivery"),
            List.of("X-Gitea-Event", "X-Forgejo-Event"),
            Signatures::hex,
            Payloads::gitea),
    /** ConOps' own format, for CI jobs and anything else that can sign a body as GitHub does. */
    GENERIC(
            List.of("X-Conops-Signature-256"),
            List.of("X-Conops-Delivery"),
            List.of(),
            Signatures::hub,
            Payloads::generic);

    interface Check {
        boolean verifies(String header, byte[] body, String secret);
    }

    interface Reader {
        Delivery read(String event, JsonNode body);
    }

    private final List<String> signatureHeaders;
    private final List<String> deliveryHeaders;
    private final List<String> eventHeaders;
    private final Check check;
    private final Reader reader;

    Provider(
            List<String> signatureHeaders,
            List<String> deliveryHeaders,
            List<String> eventHeaders,
            Check check,
            Reader reader) {
        this.signatureHeaders = signatureHeaders;
        this.deliveryHeaders = deliveryHeaders;
        this.eventHeaders = eventHeaders;
        this.check = check;
        this.reader = reader;
    }

    /** The name in the path: {@code /api/v1/webhooks/github}. */
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    String signatureHeader() {
        return signatureHeaders.get(0);
    }

    String signature(HttpHeaders headers) {
        return first(headers, signatureHeaders);
    }

    /** The sender's id of this delivery, or null when it sent none. */
    String deliveryId(HttpHeaders headers) {
        return first(headers, deliveryHeaders);
    }

    boolean verifies(HttpHeaders headers, byte[] body, String secret) {
        return secret != null && check.verifies(signature(headers), body, secret);
    }

    Delivery read(HttpHeaders headers, JsonNode body) {
        if (eventHeaders.isEmpty()) {
            return reader.read("push", body);
        }
        String event = first(headers, eventHeaders);
        if (event == null || event.isBlank()) {
            throw WebhookRefused.badRequest(eventHeaders.get(0), "is required: it names the event");
        }
        return reader.read(event.trim(), body);
    }

    private static String first(HttpHeaders headers, List<String> names) {
        return names.stream()
                .map(headers::getFirst)
                .filter(v -> v != null && !v.isEmpty())
                .findFirst()
                .orElse(null);
    }
}
