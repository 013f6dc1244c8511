package io.conops.core.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Where a notification goes, read from its URL: the scheme picks the kind ({@code https://…} a
 * generic JSON webhook, {@code slack+https://…} a Slack-compatible webhook, {@code ntfy+https://…}
 * an ntfy topic; {@code http} for each too). User and password in the URL become basic
 * authentication. A notification URL is a secret (it usually carries a token), so neither
 * {@link #toString()} nor an error message ever shows it.
 *
 * @param endpoint the URL to POST to, without the kind's prefix and without the user info
 * @param authorization the {@code Authorization} header value, or null
 */
public record NotifyUrl(Kind kind, URI endpoint, String authorization) {
    /** The most URLs one app or the global setting may name. */
    public static final int MAX_URLS = 10;

    public static final int MAX_LENGTH = 2048;

    public enum Kind {
        GENERIC,
        SLACK,
        NTFY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Reads one URL; the exception's message says what is wrong without repeating the URL. */
    public static NotifyUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String s = text.strip();
        if (s.length() > MAX_LENGTH || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "must be a URL of at most " + MAX_LENGTH + " printable ASCII characters without spaces");
        }
        Kind kind = Kind.GENERIC;
        int plus = s.indexOf('+');
        int colon = s.indexOf(':');
        if (plus > 0 && plus < colon) {
            String prefix = s.substring(0, plus).toLowerCase(Locale.ROOT);
            kind = switch (prefix) {
                case "slack" -> Kind.SLACK;
                case "ntfy" -> Kind.NTFY;
                default ->
                    throw new IllegalArgumentException(
                            "has an unknown kind: use https://, slack+https:// or ntfy+https://");
            };
            s = s.substring(plus + 1);
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("must start with https://, slack+https:// or ntfy+https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("has no host");
        }
        if (uri.getFragment() != null) {
            throw new IllegalArgumentException("must not have a #fragment");
        }
        String auth = null;
        if (uri.getRawUserInfo() != null) {
            auth = "Basic "
                    + Base64.getEncoder()
                            .encodeToString(java.net.URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8)
                                    .getBytes(StandardCharsets.UTF_8));
        }
        try {
            URI bare = new URI(scheme, null, uri.getHost(), uri.getPort(), uri.getRawPath(), null, null);
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new NotifyUrl(kind, URI.create(bare.toASCIIString() + query), auth);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL");
        }
    }

    /**
     * Reads a list (the comma-separated setting, split, or an app's list).
     *
     * @throws IllegalArgumentException naming the entry by its position, never by its text
     */
    public static List<NotifyUrl> parseAll(List<String> texts) {
        List<NotifyUrl> out = new ArrayList<>();
        if (texts == null) {
            return out;
        }
        if (texts.size() > MAX_URLS) {
            throw new IllegalArgumentException("must name at most " + MAX_URLS + " URLs");
        }
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry " + (i + 1) + " " + e.getMessage());
            }
        }
        return out;
    }

    /** The kind only: the path, the query and the user info usually hold the token. */
    @Override
    public String toString() {
        return "NotifyUrl[" + kind.wire() + "]";
    }
}
