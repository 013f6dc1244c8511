package io.conops.server.app;

import java.time.Duration;
import java.util.UUID;

/** An app's id and poll interval: all the watcher reads on every tick. */
public record PollSchedule(UUID id, Duration pollInterval) {}
