package io.conops.server.notify;

import io.conops.core.app.NotifyUrl;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A notice as each kind of receiver takes it: the request to send. */
final class Messages {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Messages() {}

    static HttpRequest request(NotifyUrl to, Notice n, Duration timeout) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(to.endpoint()).timeout(timeout).header("User-Agent", "ConOps");
        if (to.authorization() != null) {
            b.header("Authorization", to.authorization());
        }
        switch (to.kind()) {
            case GENERIC ->
                b.header("Content-Type", "application/json").POST(body(JSON.writeValueAsString(generic(n))));
            case SLACK ->
                b.header("Content-Type", "application/json")
                        .POST(body(JSON.writeValueAsString(Map.of("text", slack(n)))));
            // ntfy: the body is the message, the headers its title, priority and tags
            case NTFY ->
                b.header("Content-Type", "text/plain; charset=utf-8")
                        .header("Title", n.title())
                        .header("Priority", n.event().priority)
                        .header("Tags", n.event().emoji)
                        .POST(body(text(n)));
        }
        return b.build();
    }

    /** The generic webhook's JSON: every fact as a field. */
    static Map<String, Object> generic(Notice n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", n.event().wire());
        m.put("app", n.app());
        m.put("status", n.status());
        m.put("health", n.health());
        m.put("commit", n.commit());
        m.put("message", n.message());
        m.put("at", n.at().toString());
        m.put("title", n.title());
        return m;
    }

    private static String slack(Notice n) {
        return ":" + n.event().emoji + ": *" + n.title() + "*\n" + text(n);
    }

    private static String text(Notice n) {
        StringBuilder sb = new StringBuilder(n.message() == null ? "" : n.message());
        if (n.status() != null) {
            sb.append(sb.length() > 0 ? "\n" : "")
                    .append("status ")
                    .append(n.status())
                    .append(", health ")
                    .append(n.health());
        }
        return sb.toString();
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }
}
