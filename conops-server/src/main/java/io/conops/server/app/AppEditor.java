package io.conops.server.app;

import io.conops.core.api.RegistryAuth;
import io.conops.core.app.AppSpec;
import io.conops.core.app.Durations;
import io.conops.core.app.InvalidSpecException;
import io.conops.core.app.RepoAuthMethod;
import io.conops.core.app.SpecRules;
import io.conops.core.app.Target;
import io.conops.server.app.AppPatch.Change;
import io.conops.server.credentials.RegistryCredential;
import io.conops.server.git.DeployKeys;
import io.conops.server.git.SignerRules;
import io.conops.server.sops.AgeIdentities;
import io.conops.server.system.ConopsProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Applies a registration or a PATCH to an app, field by field, with the same rules for both. Call
 * it inside a transaction: the first invalid field throws, and nothing of the request is stored.
 * Credentials are checked here (a deploy key must parse, a token method needs a token, fields of
 * another method are refused) and go to the entity only as ciphertext.
 */
@Component
class AppEditor {
    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/].*$");
    private static final int MAX_REGISTRIES = 50;
    /** As for the admin token: a short secret can be guessed from one signed delivery. */
    private static final int MIN_WEBHOOK_SECRET = 16;

    /** What a change touched, so the caller knows whether to look at the repository again. */
    record Effect(boolean desiredStateChanged, boolean credentialsChanged) {}

    private final StoredCredentials credentials;
    private final ConopsProperties props;

    AppEditor(StoredCredentials credentials, ConopsProperties props) {
        this.credentials = credentials;
        this.props = props;
    }

    Effect apply(AppEntity a, AppPatch p, boolean creating) {
        String oldUrl = a.getRepoUrl();
        String oldBranch = a.getBranch();
        String oldPath = a.getComposePath();
        String oldStacks = a.getStacksFile() + "\n" + a.getStacksGlob();
        StackSetFields.apply(a, p, creating);
        List<Object> oldSigners = signers(a);

        if (creating || p.repoUrl().given()) {
            String url = p.repoUrl().value();
            checkRepoUrl(url);
            a.setRepoUrl(url);
        }
        if (creating || p.branch().given()) {
            String branch = creating && !p.branch().given()
                    ? AppSpec.DEFAULT_BRANCH
                    : p.branch().value();
            SpecRules.checkBranch(branch);
            a.setBranch(branch);
        }
        if (creating || p.composePath().given()) {
            String path = creating && !p.composePath().given()
                    ? AppSpec.DEFAULT_COMPOSE_PATH
                    : p.composePath().value();
            SpecRules.checkComposePath(path);
            a.setComposePath(path);
        }
        if (creating || p.pollInterval().given()) {
            a.setPollInterval(
                    creating && !p.pollInterval().given()
                            ? AppSpec.DEFAULT_POLL_INTERVAL
                            : interval(p.pollInterval().value()));
        }
        boolean gitChanged = applyGitAuth(a, p, creating);
        boolean registriesChanged = applyRegistries(a, p.registryAuth());
        applyWebhookSecret(a, p.webhookSecret());
        boolean envsChanged = applyServiceEnvs(a, p.serviceEnvs());
        if (p.pullPolicy().given()) {
            a.setPullPolicy(pullPolicy(p.pullPolicy().value()));
        }
        boolean ageKeyChanged = applyAgeKey(a, p.ageKey());
        boolean engineChanged = EngineFields.apply(a, p, creating, credentials);
        applyNotifyUrls(a, p.notifyUrls());
        if (p.imageUpdates().given()) {
            a.setImageUpdates(Boolean.TRUE.equals(p.imageUpdates().value()));
        }
        boolean renderChanged = RenderFields.apply(a, p);
        applyTarget(a, p.target());
        if (a.getTarget() == Target.SWARM && a.getDockerHost() != null) {
            // stack deploy and the service observation talk to ConOps' own engine only
            throw new InvalidSpecException(
                    "docker_host",
                    "is not supported with target swarm: a swarm app is deployed to the swarm that ConOps' own"
                            + " engine manages; leave docker_host unset");
        }
        applySigners(a, p);
        boolean desired = !creating
                && (envsChanged
                        || renderChanged
                        || ageKeyChanged
                        || !oldSigners.equals(signers(a))
                        || !Objects.equals(oldUrl, a.getRepoUrl())
                        || !Objects.equals(oldBranch, a.getBranch())
                        || !Objects.equals(oldPath, a.getComposePath())
                        || !oldStacks.equals(a.getStacksFile() + "\n" + a.getStacksGlob()));
        return new Effect(desired, gitChanged || registriesChanged || engineChanged);
    }

    /** Null (the global CONOPS_PULL_POLICY) or one of the policies. */
    private static io.conops.core.app.PullPolicy pullPolicy(String text) {
        if (text == null) {
            return null;
        }
        io.conops.core.app.PullPolicy policy = io.conops.core.app.PullPolicy.parse(text);
        if (policy == null) {
            throw new InvalidSpecException(
                    "pull_policy", "must be always, missing or never (ifnotpresent is taken as missing)");
        }
        return policy;
    }

    /** Signed commits: the keys are checked when given, and requiring signatures needs at least one. */
    private static void applySigners(AppEntity a, AppPatch p) {
        if (p.allowedSigners().given()) {
            SignerRules.checkAllowedSigners(p.allowedSigners().value());
            a.setAllowedSigners(blankToNull(p.allowedSigners().value()));
        }
        if (p.gpgPublicKeys().given()) {
            SignerRules.checkGpgPublicKeys(p.gpgPublicKeys().value());
            a.setGpgPublicKeys(blankToNull(p.gpgPublicKeys().value()));
        }
        if (p.requireSignedCommits().given()) {
            a.setRequireSignedCommits(
                    Boolean.TRUE.equals(p.requireSignedCommits().value()));
        }
        if (a.isRequireSignedCommits() && a.getAllowedSigners() == null && a.getGpgPublicKeys() == null) {
            throw new InvalidSpecException(
                    "require_signed_commits", "needs allowed_signers or gpg_public_keys: whose signatures to accept");
        }
    }

    /** Who may sign what the app deploys: a change may make a refused commit deployable, or not. */
    private static List<Object> signers(AppEntity a) {
        return java.util.Arrays.asList(a.isRequireSignedCommits(), a.getAllowedSigners(), a.getGpgPublicKeys());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void checkRepoUrl(String url) {
        SpecRules.checkRepoUrl(url);
        if (SpecRules.isFileUrl(url) && !props.allowFileRepos()) {
            throw new InvalidSpecException(
                    "repo_url", "file:// repositories are disabled; set CONOPS_ALLOW_FILE_REPOS=true to allow them");
        }
        if (isHttp(url)) {
            try {
                String userInfo = new URI(url).getRawUserInfo();
                if (userInfo != null && userInfo.contains(":")) {
                    // a URL is shown in responses and logs: a password inside it would leak
                    throw new InvalidSpecException(
                            "repo_url",
                            "must not contain a password; use repo_auth_method token with repo_token (and repo_username)");
                }
            } catch (URISyntaxException e) {
                throw new InvalidSpecException("repo_url", "is not a valid URL: " + e.getReason());
            }
        }
    }

    private static Duration interval(String text) {
        if (text == null) {
            throw new InvalidSpecException("poll_interval", "is required");
        }
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("poll_interval", e.getMessage());
        }
        SpecRules.checkPollInterval(d);
        return d;
    }

    /** @return true when the method or a secret changed */
    private boolean applyGitAuth(AppEntity a, AppPatch p, boolean creating) {
        RepoAuthMethod before = a.getRepoAuthMethod();
        RepoAuthMethod method = before;
        if (creating || p.repoAuthMethod().given()) {
            method = creating && !p.repoAuthMethod().given()
                    ? RepoAuthMethod.PUBLIC
                    : method(p.repoAuthMethod().value());
        }
        refuseForOtherMethod(method, p.deployKey(), "deploy_key", RepoAuthMethod.DEPLOY_KEY);
        refuseForOtherMethod(method, p.repoToken(), "repo_token", RepoAuthMethod.TOKEN);
        refuseForOtherMethod(method, p.repoUsername(), "repo_username", RepoAuthMethod.TOKEN);
        boolean changed = method != before;
        switch (method) {
            case PUBLIC -> {
                a.setDeployKeyEnc(null);
                a.setRepoTokenEnc(null);
                a.setRepoUsername(null);
            }
            case DEPLOY_KEY -> {
                if (!isSsh(a.getRepoUrl())) {
                    throw new InvalidSpecException(
                            "repo_url", "must be an ssh://… or user@host:path URL for repo_auth_method deploy_key");
                }
                if (p.deployKey().isSetTo()) {
                    DeployKeys.validate(p.deployKey().value());
                    credentials.setDeployKey(a, p.deployKey().value());
                    changed = true;
                } else if (p.deployKey().clears()
                        || before != RepoAuthMethod.DEPLOY_KEY
                        || a.getDeployKeyEnc() == null) {
                    throw new InvalidSpecException(
                            "deploy_key",
                            "is required with repo_auth_method deploy_key: "
                                    + "paste an unencrypted OpenSSH or PEM private key");
                }
                a.setRepoTokenEnc(null);
                a.setRepoUsername(null);
            }
            case TOKEN -> {
                if (!isHttp(a.getRepoUrl())) {
                    throw new InvalidSpecException(
                            "repo_url", "must be an https:// or http:// URL for repo_auth_method token");
                }
                if (p.repoToken().isSetTo()) {
                    checkToken(p.repoToken().value());
                    credentials.setRepoToken(a, p.repoToken().value());
                    changed = true;
                } else if (p.repoToken().clears() || before != RepoAuthMethod.TOKEN || a.getRepoTokenEnc() == null) {
                    throw new InvalidSpecException("repo_token", "is required with repo_auth_method token");
                }
                if (p.repoUsername().given()) {
                    String user = p.repoUsername().value();
                    checkUsername(user);
                    changed |= !Objects.equals(user, a.getRepoUsername());
                    a.setRepoUsername(user == null || user.isBlank() ? null : user);
                } else if (before != RepoAuthMethod.TOKEN) {
                    a.setRepoUsername(null);
                }
                a.setDeployKeyEnc(null);
            }
        }
        a.setRepoAuthMethod(method);
        return changed;
    }

    private static RepoAuthMethod method(String wire) {
        if (wire == null) {
            throw new InvalidSpecException("repo_auth_method", "must be one of public, deploy_key, token");
        }
        try {
            return RepoAuthMethod.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("repo_auth_method", e.getMessage());
        }
    }

    private static void refuseForOtherMethod(
            RepoAuthMethod method, Change<String> field, String name, RepoAuthMethod owner) {
        if (field.isSetTo() && method != owner) {
            throw new InvalidSpecException(
                    name, "only applies to repo_auth_method " + owner.wire() + ", but the app uses " + method.wire());
        }
    }

    private static void checkToken(String token) {
        if (token.isBlank()) {
            throw new InvalidSpecException("repo_token", "must not be empty");
        }
        if (token.length() > 4096 || token.chars().anyMatch(c -> c < ' ' || c == 127)) {
            // never quote the value: it is a secret
            throw new InvalidSpecException(
                    "repo_token", "must be at most 4096 characters without control characters or line breaks");
        }
    }

    private static void applyTarget(AppEntity a, Change<String> change) {
        if (!change.given()) {
            return;
        }
        Target target;
        try {
            target = change.value() == null ? Target.COMPOSE : Target.fromWire(change.value());
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("target", e.getMessage());
        }
        if (target != a.getTarget() && a.getLastSyncedCommit() != null) {
            // the containers of the other target would be left running with nobody watching them
            throw new InvalidSpecException(
                    "target", "cannot be changed once the app is deployed; delete the app and register it again");
        }
        a.setTarget(target);
    }

    /** Not a Git credential: changing it changes nothing about how the repository is read. */
    private void applyWebhookSecret(AppEntity a, Change<String> change) {
        if (!change.given()) {
            return;
        }
        String secret = change.value();
        if (secret != null
                && (secret.length() < MIN_WEBHOOK_SECRET
                        || secret.length() > 4096
                        || secret.chars().anyMatch(c -> c < ' ' || c == 127))) {
            // never quote the value: it is a secret
            throw new InvalidSpecException(
                    "webhook_secret", "must be 16 to 4096 characters without control characters or line breaks");
        }
        credentials.setWebhookSecret(a, secret);
    }

    /** PATCH replaces the whole list; null or [] clears it. Nothing of the deployment depends on it. */
    private void applyNotifyUrls(AppEntity a, Change<List<String>> change) {
        if (!change.given()) {
            return;
        }
        List<String> urls = change.value() == null ? List.of() : change.value();
        try {
            // the message names the entry by position only: the URL is a secret
            io.conops.core.app.NotifyUrl.parseAll(urls);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("notify_urls", e.getMessage());
        }
        credentials.setNotifyUrls(a, urls.stream().map(String::strip).toList());
    }

    /** PATCH replaces the whole map; null or {} clears it. @return true when the values changed */
    /** A new identity may open SOPS files the last sync could not: the app is looked at again. */
    private boolean applyAgeKey(AppEntity a, Change<String> change) {
        if (!change.given()) {
            return false;
        }
        String key = change.value();
        if (key != null) {
            try {
                if (AgeIdentities.parse("age_key", key).isEmpty()) {
                    throw new IllegalArgumentException("no identity");
                }
            } catch (IllegalArgumentException e) {
                // never quote the value: it is a secret
                throw new InvalidSpecException("age_key", "must be age identities (AGE-SECRET-KEY-1...), one a line");
            }
        }
        boolean changed = !Objects.equals(credentials.ageKey(a), key);
        credentials.setAgeKey(a, key);
        return changed;
    }

    private boolean applyServiceEnvs(AppEntity a, Change<java.util.Map<String, String>> change) {
        if (!change.given()) {
            return false;
        }
        java.util.Map<String, String> values = change.value() == null ? java.util.Map.of() : change.value();
        ServiceEnvRules.check(values);
        boolean changed = !credentials.serviceEnvs(a).equals(new java.util.TreeMap<>(values));
        credentials.setServiceEnvs(a, values);
        return changed;
    }

    private static void checkUsername(String user) {
        if (user == null || user.isEmpty()) {
            return;
        }
        if (user.length() > 255 || user.indexOf(':') >= 0 || user.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new InvalidSpecException(
                    "repo_username", "must be at most 255 characters without ':', spaces or control characters");
        }
    }

    /** @return true when the logins changed */
    private boolean applyRegistries(AppEntity a, Change<List<RegistryAuth>> change) {
        if (!change.given()) {
            return false;
        }
        if (change.value() == null || change.value().isEmpty()) {
            boolean had = a.getRegistryAuth() != null;
            credentials.setRegistries(a, List.of());
            return had;
        }
        if (change.value().size() > MAX_REGISTRIES) {
            throw new InvalidSpecException("registry_auth", "at most " + MAX_REGISTRIES + " registries");
        }
        List<RegistryCredential> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RegistryAuth r : change.value()) {
            if (r == null) {
                throw new InvalidSpecException(
                        "registry_auth", "every entry must be an object with registry, username and password");
            }
            String password = r.password();
            if (password == null && r.registry() != null) {
                // not shown by GET, so a client editing the list may leave it out to keep it
                password = credentials.storedPassword(a, r.registry());
            }
            RegistryCredential c = new RegistryCredential(r.registry(), r.username(), password);
            if (password.length() > 4096 || password.chars().anyMatch(ch -> ch < ' ' || ch == 127)) {
                throw new InvalidSpecException(
                        "registry_auth",
                        "password for registry '" + c.registry()
                                + "' must be at most 4096 characters without control characters");
            }
            if (!seen.add(StoredCredentials.key(c.registry()))) {
                throw new InvalidSpecException("registry_auth", "registry '" + c.registry() + "' is listed twice");
            }
            result.add(c);
        }
        credentials.setRegistries(a, result);
        return true;
    }

    static boolean isSsh(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("ssh://")
                || lower.startsWith("git+ssh://")
                || (!lower.contains("://") && SCP_LIKE.matcher(url).matches());
    }

    static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }
}
