package io.conops.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook deliveries as the providers send them: their documented push bodies (test resources
 * under {@code webhooks/}), their headers, their signatures over the raw body.
 */
public final class Webhooks {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Webhooks() {}

    /** One delivery, ready to send (again: {@link #send} it twice for a replay). */
    public record Delivery(String provider, Map<String, String> headers, String contentType, byte[] body) {
        public Delivery with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            if (value == null) {
                h.remove(header);
            } else {
                h.put(header, value);
            }
            return new Delivery(provider, h, contentType, body);
        }
    }

    /** A provider's body from its template, with the repository URLs, the ref and the commit filled in. */
    public static String payload(
            String template, String cloneUrl, String sshUrl, String htmlUrl, String ref, String after) {
        try (InputStream in = Webhooks.class.getResourceAsStream("/webhooks/" + template + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no template " + template);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${CLONE_URL}", cloneUrl)
                    .replace("${SSH_URL}", sshUrl)
                    .replace("${HTML_URL}", htmlUrl)
                    .replace("${REF}", ref)
                    .replace("${AFTER}", after);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ConOps' own body. */
    public static String generic(String repoUrl, String branch, String commit) {
        return "{\"repo_url\":\"" + repoUrl + "\",\"branch\":\"" + branch + "\",\"commit\":\"" + commit + "\"}";
    }

    /** GitHub: X-Hub-Signature-256 over the raw body; no signature header when secret is null. */
    public static Delivery github(String event, String body, String secret) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-GitHub-Event", event);
        h.put("X-GitHub-Delivery", UUID.randomUUID().toString());
        h.put("X-GitHub-Hook-ID", "109948940");
        h.put("User-Agent", "GitHub-Hookshot/044aadd");
        if (secret != null) {
            h.put("X-Hub-Signature-256", "sha256=" + hmac(secret, raw));
        }
        return new Delivery("github", h, "application/json", raw);
    }

    /** GitHub's other content type: the JSON in the form field {@code payload}, signed as sent. */
    public static Delivery githubForm(String event, String json, String secret) {
        String form = "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
        Delivery d = github(event, form, secret);
        return new Delivery(d.provider(), d.headers(), "application/x-www-form-urlencoded", d.body());
    }

    /** GitLab: the secret itself in X-Gitlab-Token. */
    public static Delivery gitlab(String body, String token) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Gitlab-Event", "Push Hook");
        h.put("X-Gitlab-Event-UUID", UUID.randomUUID().toString());
        h.put("X-Gitlab-Instance", "https://gitlab.example.com");
        h.put("User-Agent", "GitLab/16.0.0");
        if (token != null) {
            h.put("X-Gitlab-Token", token);
        }
        return new Delivery("gitlab", h, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Gitea (and Forgejo): X-Gitea-Signature, the hex HMAC without a prefix. */
    public static Delivery gitea(String body, String secret) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        String id = UUID.randomUUID().toString();
        h.put("X-Gitea-Event", "push");
        h.put("X-Gitea-Event-Type", "push");
        h.put("X-Gitea-Delivery", id);
        h.put("X-Gogs-Event", "push");
        h.put("X-Gogs-Delivery", id);
        if (secret != null) {
            h.put("X-Gitea-Signature", hmac(secret, raw));
        }
        return new Delivery("gitea", h, "application/json", raw);
    }

    /** ConOps' own: X-Conops-Signature-256 in GitHub's form. */
    public static Delivery generic(String body, String secret) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Conops-Delivery", UUID.randomUUID().toString());
        if (secret != null) {
            h.put("X-Conops-Signature-256", "sha256=" + hmac(secret, raw));
        }
        return new Delivery("generic", h, "application/json", raw);
    }

    public static HttpResponse<String> send(TestServer server, Delivery d) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url("/api/v1/webhooks/" + d.provider())))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", d.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
        d.headers().forEach(b::header);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
