package io.conops.core.hash;

import java.util.function.UnaryOperator;

/**
 * What one service's desired-state hash takes from the app's secret variables ({@code
 * service_envs}) that it uses. Its definition may hold interpolated values, so every digest of it is
 * sealed with a keyed hash before it is stored or combined: a plain SHA-256 of a short value could
 * be reversed by trying candidates. The values the service receives count through {@code
 * valuesDigest}, itself keyed.
 *
 * @param seal         turns a SHA-256 hex digest into a keyed one (HMAC with a per-installation key)
 * @param valuesDigest keyed digest of the names and values the service uses
 */
public record SecretInputs(UnaryOperator<String> seal, String valuesDigest) {
    @Override
    public String toString() {
        return "SecretInputs[valuesDigest=" + valuesDigest + "]";
    }
}
