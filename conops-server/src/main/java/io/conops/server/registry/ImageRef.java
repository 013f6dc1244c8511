package io.conops.server.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * An image reference split the way the Docker CLI normalises it: {@code nginx} is
 * {@code docker.io/library/nginx:latest}; a first component with a dot or a colon, or
 * {@code localhost}, is a registry.
 *
 * @param registry as in credentials and image names ({@code docker.io}, {@code host:5000})
 * @param repository the path inside the registry ({@code library/nginx})
 * @param tag the tag; references pinned by digest are not tags and do not parse
 */
record ImageRef(String registry, String repository, String tag) {
    static final String DOCKER_HUB = "docker.io";

    /** Empty for digest-pinned references, image ids and anything that is not a reference. */
    static Optional<ImageRef> parse(String reference) {
        if (reference == null
                || reference.isBlank()
                || reference.contains("@")
                || reference.startsWith("sha256:")
                || reference.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        String rest = reference;
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = "latest";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty() || tag.isEmpty()) {
            return Optional.empty();
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        return Optional.of(new ImageRef(registry, rest.toLowerCase(Locale.ROOT), tag));
    }

    /** Where the API lives: Docker Hub's API host differs from its name. */
    String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** Loopback registries speak plain HTTP, as the Docker daemon allows for 127.0.0.0/8 by default. */
    boolean plainHttp() {
        String host = registry.replaceFirst(":\\d+$", "");
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    @Override
    public String toString() {
        return registry + "/" + repository + ":" + tag;
    }
}
