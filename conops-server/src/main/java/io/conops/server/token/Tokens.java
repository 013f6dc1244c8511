package io.conops.server.token;

import io.conops.core.api.CreateTokenRequest;
import io.conops.core.api.TokenView;
import io.conops.core.app.Durations;
import io.conops.core.app.InvalidSpecException;
import io.conops.core.app.SpecRules;
import io.conops.server.access.Caller;
import io.conops.server.access.Role;
import io.conops.server.audit.AuditAction;
import io.conops.server.audit.AuditLog;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/** Creating, listing, revoking and checking API tokens. Creating and revoking are audited. */
@Service
public class Tokens {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Duration LONGEST = Duration.ofDays(3650);
    /** last_used is written at most this often per token, not on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final TokenRepository tokens;
    private final TokenHasher hasher;
    private final Clock clock;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    Tokens(TokenRepository tokens, TokenHasher hasher, Clock clock, AuditLog audit) {
        this.tokens = tokens;
        this.hasher = hasher;
        this.clock = clock;
        this.audit = audit;
    }

    /** The new token, with its value: the only time the value is shown. */
    public TokenView create(CreateTokenRequest req) {
        String target = req == null ? null : req.name();
        return audit.around(AuditAction.TOKEN_CREATED, null, target, () -> store(req));
    }

    private TokenView store(CreateTokenRequest req) {
        if (req == null) {
            throw new InvalidSpecException("body", "a JSON object is required");
        }
        String name = name(req.name());
        Role role = role(req.role());
        Set<String> apps = apps(req.apps());
        Instant now = clock.instant();
        Instant expires = req.expiresIn() == null ? null : now.plus(lifetime(req.expiresIn()));
        if (Caller.BOOTSTRAP.equals(name)) {
            throw TokenProblem.bootstrap();
        }
        if (tokens.existsByName(name)) {
            throw TokenProblem.exists(name);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = "conops_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        TokenEntity saved;
        try {
            saved = tokens.saveAndFlush(new TokenEntity(
                    name,
                    role.wire(),
                    apps.isEmpty() ? null : String.join(",", apps),
                    hasher.hash(value),
                    now,
                    expires));
        } catch (DataIntegrityViolationException e) {
            throw TokenProblem.exists(name);
        }
        return view(saved, value);
    }

    public List<TokenView> list() {
        return tokens.findAllByOrderByNameAsc().stream().map(t -> view(t, null)).toList();
    }

    /** Deletes the token: the next request with it is refused. */
    public void revoke(String name) {
        audit.around(AuditAction.TOKEN_REVOKED, null, name, () -> {
            if (Caller.BOOTSTRAP.equals(name)) {
                throw TokenProblem.bootstrap();
            }
            TokenEntity t = tokens.findByName(name).orElseThrow(() -> TokenProblem.notFound(name));
            tokens.delete(t);
        });
    }

    /**
     * The caller a presented value belongs to, if it is a stored token that has not expired. Looked
     * up by its keyed hash (which reveals nothing of the value through timing), then compared in
     * constant time.
     */
    public Optional<Caller> authenticate(String value) {
        if (value == null || value.isEmpty() || value.length() > 200) {
            return Optional.empty();
        }
        String hash = hasher.hash(value);
        Instant now = clock.instant();
        return tokens.findByTokenHash(hash)
                .filter(t -> MessageDigest.isEqual(t.getTokenHash().getBytes(), hash.getBytes()))
                .filter(t -> t.getExpiresAt() == null || now.isBefore(t.getExpiresAt()))
                .map(t -> {
                    if (t.getLastUsedAt() == null
                            || t.getLastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
                        tokens.touch(t.getId(), now);
                    }
                    return caller(t);
                });
    }

    /** True while the token with this id exists and has not expired: UI sessions ask on each request. */
    public boolean active(long id) {
        Instant now = clock.instant();
        return tokens.findById(id)
                .filter(t -> t.getExpiresAt() == null || now.isBefore(t.getExpiresAt()))
                .isPresent();
    }

    private static Caller caller(TokenEntity t) {
        Set<String> apps = t.getApps() == null ? Set.of() : Set.of(t.getApps().split(","));
        return new Caller(t.getId(), t.getName(), Role.ofWire(t.getRole()), apps);
    }

    private static TokenView view(TokenEntity t, String value) {
        List<String> apps =
                t.getApps() == null ? List.of() : Arrays.asList(t.getApps().split(","));
        return new TokenView(
                t.getName(), t.getRole(), apps, t.getCreatedAt(), t.getLastUsedAt(), t.getExpiresAt(), value);
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException("name", "is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSpecException(
                    "name",
                    "must be 1 to 63 lowercase letters, digits, '.', '-' and '_', starting with a letter or digit");
        }
        return name;
    }

    private static Role role(String wire) {
        Role role = Role.ofWire(wire);
        if (role == null) {
            throw new InvalidSpecException("role", "must be admin, operator or viewer");
        }
        return role;
    }

    private static Set<String> apps(List<String> names) {
        if (names == null) {
            return Set.of();
        }
        Set<String> apps = new TreeSet<>();
        for (String n : new LinkedHashSet<>(names)) {
            try {
                SpecRules.checkName(n);
            } catch (InvalidSpecException e) {
                throw new InvalidSpecException("apps", "each entry must be an app name: " + e.reason());
            }
            apps.add(n);
        }
        if (apps.size() > 200) {
            throw new InvalidSpecException("apps", "at most 200 apps");
        }
        return apps;
    }

    private static Duration lifetime(String text) {
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("expires_in", e.getMessage());
        }
        if (d.isZero() || d.isNegative() || d.compareTo(LONGEST) > 0) {
            throw new InvalidSpecException("expires_in", "must be a duration from 1s to 3650d, such as 30d or 12h");
        }
        return d;
    }
}
