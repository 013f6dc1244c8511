package io.conops.server.app;

import com.github.dockerjava.core.util.CertificateUtils;
import io.conops.core.app.EngineAddress;
import io.conops.core.app.InvalidSpecException;
import io.conops.server.app.AppPatch.Change;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The write-only TLS material of a tcp:// engine: {@code docker_tls_ca}, {@code docker_tls_cert}
 * and {@code docker_tls_key}. A tcp:// engine needs all three: ConOps never speaks plain TCP to an
 * engine, since whoever reaches an unprotected engine port is root on its host. Each value is read
 * with docker-java's PEM reader, the one that uses it later, so what is accepted here also loads.
 */
final class DockerTlsFields {
    static final String CA = "docker_tls_ca";
    static final String CERT = "docker_tls_cert";
    static final String KEY = "docker_tls_key";

    static {
        // docker-java's PEM reader asks for Bouncy Castle by name, as its own TLS set-up registers it
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private DockerTlsFields() {}

    /** @return true when the TLS material changed */
    static boolean apply(AppEntity a, AppPatch p, StoredCredentials credentials) {
        boolean tcp = a.getDockerHost() != null
                && EngineAddress.parse(a.getDockerHost()).isTcp();
        if (!tcp) {
            for (var field : List.of(
                    new Given(CA, p.dockerTlsCa()),
                    new Given(CERT, p.dockerTlsCert()),
                    new Given(KEY, p.dockerTlsKey()))) {
                if (field.change().isSetTo()) {
                    throw new InvalidSpecException(field.name(), "is only used with a tcp:// docker_host");
                }
            }
            return false;
        }
        boolean given = p.dockerTlsCa().given()
                || p.dockerTlsCert().given()
                || p.dockerTlsKey().given();
        DockerTls before = given && a.getDockerTlsEnc() != null ? credentials.dockerTls(a) : null;
        DockerTls after = new DockerTls(
                merged(CA, p.dockerTlsCa(), before == null ? null : before.ca(), a),
                merged(CERT, p.dockerTlsCert(), before == null ? null : before.cert(), a),
                merged(KEY, p.dockerTlsKey(), before == null ? null : before.key(), a));
        if (!given) {
            return false;
        }
        checkCertificates(CA, after.ca());
        checkCertificates(CERT, after.cert());
        checkKey(after.key());
        if (after.equals(before)) {
            return false;
        }
        credentials.setDockerTls(a, after);
        return true;
    }

    private record Given(String name, Change<String> change) {}

    /** The field's new value, or what is stored; required either way. */
    private static String merged(String field, Change<String> change, String stored, AppEntity a) {
        String value = change.given() ? change.value() : stored;
        boolean missing = change.given() ? blank(value) : a.getDockerTlsEnc() == null;
        if (missing) {
            throw new InvalidSpecException(
                    field,
                    "is required with a tcp:// docker_host: ConOps speaks to a TCP engine only over mutual TLS"
                            + " (docker_tls_ca, docker_tls_cert and docker_tls_key, PEM); plain TCP is refused,"
                            + " since it would give root on the engine's host to anyone on the network");
        }
        return value;
    }

    private static void checkCertificates(String field, String pem) {
        List<Certificate> found;
        try {
            found = CertificateUtils.loadCertificates(pem);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            found = List.of();
        }
        if (found.isEmpty()) {
            // the reason never quotes the value
            throw new InvalidSpecException(field, "is not a certificate in PEM text");
        }
    }

    private static void checkKey(String pem) {
        PrivateKey key;
        try {
            key = CertificateUtils.loadPrivateKey(pem);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            key = null;
        }
        if (key == null) {
            throw new InvalidSpecException(
                    KEY, "is not a private key in PEM text (PKCS#8, RSA or EC, without a passphrase)");
        }
    }

    private static boolean blank(String value) {
        return Objects.requireNonNullElse(value, "").isBlank();
    }
}
