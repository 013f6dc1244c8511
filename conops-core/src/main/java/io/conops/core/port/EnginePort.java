package io.conops.core.port;

import io.conops.core.reconcile.ObservedContainer;
import java.util.List;

/** Observation of the Docker Engine through its API (no subprocesses). */
public interface EnginePort {

    /** Every container of the Compose project, running or not. */
    List<ObservedContainer> containers(String project);

    /** True when the image is present locally. */
    boolean imagePresent(String image);
}
