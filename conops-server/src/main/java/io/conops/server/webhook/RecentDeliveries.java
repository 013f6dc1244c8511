package io.conops.server.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The verified deliveries of the last ten minutes, so that one sent again is ignored. Senders
 * retry, and the delivery id header is not signed: a copy of a signed body with a new id is a
 * replay too, so bodies are remembered as well as ids. Held as digests, and bounded in number.
 */
@Component
class RecentDeliveries {
    static final Duration REMEMBERED = Duration.ofMinutes(10);
    static final long CAPACITY = 100_000;

    private final Cache<String, Boolean> seen;

    @Autowired
    RecentDeliveries() {
        this(Ticker.systemTicker());
    }

    RecentDeliveries(Ticker ticker) {
        this.seen = Caffeine.newBuilder()
                .expireAfterWrite(REMEMBERED)
                .maximumSize(CAPACITY)
                .ticker(ticker)
                .build();
    }

    /**
     * Remembers the delivery; false when its id or its body was seen in the last ten minutes.
     *
     * @param id the sender's delivery id, or null when it sent none
     */
    boolean firstTime(Provider provider, String id, byte[] body) {
        boolean newBody = remember(provider + " body " + digest(body));
        boolean newId = id == null || remember(provider + " id " + digest(id.getBytes(StandardCharsets.UTF_8)));
        return newBody && newId;
    }

    private boolean remember(String key) {
        return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
