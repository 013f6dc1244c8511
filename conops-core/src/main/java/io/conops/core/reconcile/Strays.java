package io.conops.core.reconcile;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Containers of a project that Compose leaves alone although they are not the desired state: one
 * recreated by hand with the Compose labels copied (Compose sees its own hash and keeps it), an
 * extra one without Compose's {@code oneoff} label (invisible to {@code --remove-orphans}). They
 * carry no or another {@code conops.config-hash}, or belong to no desired service.
 */
public final class Strays {
    private Strays() {}

    public static List<ObservedContainer> find(Collection<DesiredService> desired, List<ObservedContainer> observed) {
        Map<String, DesiredService> byName =
                desired.stream().collect(Collectors.toMap(DesiredService::name, Function.identity(), (a, b) -> a));
        return observed.stream()
                .filter(c -> {
                    DesiredService d = c.service() == null ? null : byName.get(c.service());
                    return d == null
                            || (d.configHash() != null && !d.configHash().equals(c.configHash()));
                })
                .toList();
    }
}
