package io.conops.server.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads each provider's push payload, as its documentation describes it, into a {@link Delivery}. */
final class Payloads {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** SHA-1 or SHA-256 object names, as Git prints them. */
    private static final Pattern COMMIT = Pattern.compile("^(?:[0-9a-f]{40}|[0-9a-f]{64})$");

    private static final Pattern NO_COMMIT = Pattern.compile("^0+$");
    private static final String BRANCHES = "refs/heads/";

    private Payloads() {}

    /**
     * The body as JSON. GitHub and Gitea may also post a form whose {@code payload} field holds the
     * JSON; the signature still covers the raw body, which is why the body is read here and not by
     * the servlet container.
     */
    static JsonNode json(byte[] body, MediaType contentType) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType != null && contentType.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            text = formField(text, "payload");
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JacksonException e) {
            throw WebhookRefused.badRequest("body", "is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw WebhookRefused.badRequest("body", "a JSON object is required");
        }
        return json;
    }

    static Delivery github(String event, JsonNode body) {
        List<String> urls = urls(body.path("repository"), "clone_url", "ssh_url", "html_url");
        return switch (event) {
            case "push" -> push(event, urls, body);
            case "ping" -> new Delivery(Delivery.Kind.PING, event, urls, null, null);
            default -> new Delivery(Delivery.Kind.OTHER, event, urls, null, null);
        };
    }

    static Delivery gitlab(String event, JsonNode body) {
        List<String> urls = urls(body.path("project"), "git_http_url", "git_ssh_url");
        // older GitLab versions name them under "repository" only
        urls.addAll(urls(body.path("repository"), "git_http_url", "git_ssh_url"));
        return event.equals("Push Hook")
                ? push(event, urls, body)
                : new Delivery(Delivery.Kind.OTHER, event, urls, null, null);
    }

    static Delivery gitea(String event, JsonNode body) {
        List<String> urls = urls(body.path("repository"), "clone_url", "ssh_url", "html_url");
        return event.equals("push")
                ? push(event, urls, body)
                : new Delivery(Delivery.Kind.OTHER, event, urls, null, null);
    }

    /** ConOps' own format: {@code {"repo_url", "branch", "commit"}}. */
    static Delivery generic(String event, JsonNode body) {
        String url = requiredText(body, "repo_url");
        String branch = requiredText(body, "branch");
        String commit = commit(requiredText(body, "commit"), "commit");
        if (commit == null) {
            throw WebhookRefused.badRequest("commit", "must name a commit, not all zeros");
        }
        String name = branch.startsWith(BRANCHES) ? branch.substring(BRANCHES.length()) : branch;
        return new Delivery(Delivery.Kind.PUSH, event, List.of(url), name, commit);
    }

    /** GitHub's, GitLab's and Gitea's push: {@code ref} and {@code after}. */
    private static Delivery push(String event, List<String> urls, JsonNode body) {
        if (urls.isEmpty()) {
            throw WebhookRefused.badRequest("repository", "a push must name its repository's URLs");
        }
        String ref = requiredText(body, "ref");
        String commit = commit(requiredText(body, "after"), "after");
        String branch = ref.startsWith(BRANCHES) ? ref.substring(BRANCHES.length()) : null;
        return new Delivery(Delivery.Kind.PUSH, event, urls, branch, commit);
    }

    /** The commit, or null for all zeros (a deleted branch). */
    private static String commit(String sha, String field) {
        if (!COMMIT.matcher(sha).matches()) {
            throw WebhookRefused.badRequest(field, "must be a full commit SHA in lowercase hex");
        }
        return NO_COMMIT.matcher(sha).matches() ? null : sha;
    }

    private static List<String> urls(JsonNode parent, String... fields) {
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            JsonNode v = parent.path(f);
            if (v.isString() && !v.asString().isBlank()) {
                out.add(v.asString());
            }
        }
        return out;
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (!v.isString() || v.asString().isBlank()) {
            throw WebhookRefused.badRequest(field, "is required and must be a string");
        }
        return v.asString();
    }

    private static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw WebhookRefused.badRequest(name, "is not a valid form field");
                }
            }
        }
        throw WebhookRefused.badRequest(name, "a form post must carry the JSON in its payload field");
    }
}
