package io.conops.server.app;

import io.conops.core.app.EngineAddress;
import io.conops.core.app.InvalidSpecException;
import io.conops.server.app.AppPatch.Change;
import io.conops.server.git.DeployKeys;
import java.util.Objects;

/**
 * The app's engine: {@code docker_host} and, for an ssh:// engine, the write-only
 * {@code docker_ssh_key} (for a tcp:// engine, its TLS material: {@link DockerTlsFields}). The engine is chosen at registration: moving an app to another engine
 * would leave its containers running on the first one, so it is registered anew instead.
 */
final class EngineFields {
    static final String KEY_FIELD = "docker_ssh_key";

    private EngineFields() {}

    /** @return true when the SSH key or the TLS material changed */
    static boolean apply(AppEntity a, AppPatch p, boolean creating, StoredCredentials credentials) {
        boolean keyChanged = applyAddressAndKey(a, p, creating, credentials);
        return DockerTlsFields.apply(a, p, credentials) || keyChanged;
    }

    private static boolean applyAddressAndKey(
            AppEntity a, AppPatch p, boolean creating, StoredCredentials credentials) {
        if (creating) {
            EngineAddress address = EngineAddress.parse(p.dockerHost().value());
            a.setDockerHost(address == null ? null : address.toString());
        } else if (p.dockerHost().given()
                && !Objects.equals(normalised(p.dockerHost().value()), a.getDockerHost())) {
            throw new InvalidSpecException(
                    EngineAddress.FIELD,
                    "cannot be changed: the app's containers run on " + shown(a.getDockerHost())
                            + "; delete the app and register it again on the other engine");
        }
        boolean ssh = a.getDockerHost() != null
                && EngineAddress.parse(a.getDockerHost()).isSsh();
        Change<String> key = p.dockerSshKey();
        if (key.isSetTo() && !ssh) {
            throw new InvalidSpecException(KEY_FIELD, "is only used with an ssh:// docker_host");
        }
        if (key.clears() && ssh) {
            throw new InvalidSpecException(KEY_FIELD, "is required with an ssh:// docker_host");
        }
        if (ssh && !key.given() && a.getDockerSshKeyEnc() == null) {
            throw new InvalidSpecException(KEY_FIELD, "is required with an ssh:// docker_host");
        }
        if (!key.isSetTo()) {
            return false;
        }
        try {
            DeployKeys.validate(key.value());
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException(KEY_FIELD, e.reason()); // the reason never quotes the key
        }
        credentials.setDockerSshKey(a, key.value());
        return true;
    }

    private static String normalised(String text) {
        EngineAddress address = EngineAddress.parse(text);
        return address == null ? null : address.toString();
    }

    private static String shown(String dockerHost) {
        return dockerHost == null ? "the local engine" : dockerHost;
    }
}
