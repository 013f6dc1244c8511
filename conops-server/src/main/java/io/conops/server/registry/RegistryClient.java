package io.conops.server.registry;

import io.conops.server.credentials.RegistryCredential;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a registry which digest a tag points at (Registry v2 API): {@code HEAD /v2/<repo>/manifests/<tag>}
 * accepting manifest lists, OCI indexes and single manifests, answering a 401 with basic auth or
 * the bearer-token handshake the challenge asks for.
 */
class RegistryClient {
    static final String ACCEPT = String.join(
            ", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Duration timeout;

    RegistryClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The digest ({@code sha256:…}) the tag points at now. */
    String digest(ImageRef ref, RegistryCredential login) {
        URI uri = URI.create((ref.plainHttp() ? "http" : "https") + "://" + ref.apiHost() + "/v2/" + ref.repository()
                + "/manifests/" + ref.tag());
        HttpResponse<byte[]> r = send(manifest(uri, "HEAD", null), ref);
        String authorization = null;
        if (r.statusCode() == 401) {
            authorization = authorize(r.headers().firstValue("WWW-Authenticate").orElse(""), ref, login);
            r = send(manifest(uri, "HEAD", authorization), ref);
        }
        if (r.statusCode() == 200) {
            var header = r.headers().firstValue("Docker-Content-Digest");
            if (header.isPresent()) {
                return header.get();
            }
            // some registries omit the header on HEAD: the digest of the manifest's bytes is the same
            r = send(manifest(uri, "GET", authorization), ref);
            if (r.statusCode() == 200) {
                return r.headers().firstValue("Docker-Content-Digest").orElse(sha256(r.body()));
            }
        }
        throw new RegistryException(
                switch (r.statusCode()) {
                    case 401, 403 ->
                        "registry " + ref.registry() + " refused access to " + ref
                                + (login == null
                                        ? " (no registry_auth for it)"
                                        : " (check the registry_auth login for it)");
                    case 404 -> "registry " + ref.registry() + " has no " + ref;
                    default -> "registry " + ref.registry() + " answered HTTP " + r.statusCode() + " for " + ref;
                });
    }

    private String authorize(String challenge, ImageRef ref, RegistryCredential login) {
        String basic = login == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (login.username() + ":" + login.password()).getBytes(StandardCharsets.UTF_8));
        String lower = challenge.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("basic")) {
            return basic;
        }
        if (!lower.startsWith("bearer")) {
            return basic;
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new RegistryException(
                    "registry " + ref.registry() + " asked for a token without saying where to get one");
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
        if (params.containsKey("service")) {
            url.append("service=").append(enc(params.get("service"))).append('&');
        }
        url.append("scope=").append(enc(params.getOrDefault("scope", "repository:" + ref.repository() + ":pull")));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(timeout)
                .GET();
        if (basic != null) {
            b.header("Authorization", basic);
        }
        HttpResponse<byte[]> r = send(b.build(), ref);
        if (r.statusCode() != 200) {
            throw new RegistryException("registry " + ref.registry() + " refused a token for " + ref + " (HTTP "
                    + r.statusCode()
                    + (login == null ? ", no registry_auth for it)" : ", check the registry_auth login for it)"));
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (RuntimeException e) {
            throw new RegistryException(
                    "registry " + ref.registry() + " answered the token request with something that is not JSON");
        }
        JsonNode token = body.has("token") ? body.get("token") : body.get("access_token");
        if (token == null || !token.isString()) {
            throw new RegistryException("registry " + ref.registry() + " answered the token request without a token");
        }
        return "Bearer " + token.asString();
    }

    private HttpRequest manifest(URI uri, String method, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", ACCEPT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    private HttpResponse<byte[]> send(HttpRequest request, ImageRef ref) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // the exception text names the URL at most; never a header
            throw new RegistryException("cannot reach registry " + ref.registry() + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while asking registry " + ref.registry());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
