package io.conops.core.port;

import io.conops.core.reconcile.ObservedContainer;
import java.util.List;
import java.util.Map;

/**
 * Every Compose project's containers, listed once per engine in use. A project whose engine did
 * not answer is in {@code unreachable} with the reason instead: one engine down is a fact about its
 * apps only.
 */
public record EngineListing(Map<String, List<ObservedContainer>> byProject, Map<String, String> unreachable) {
    public EngineListing {
        byProject = Map.copyOf(byProject);
        unreachable = Map.copyOf(unreachable);
    }
}
