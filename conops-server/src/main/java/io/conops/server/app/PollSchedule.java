package io.conops.server.app;

import java.time.Duration;
import java.util.UUID;

/** An app's id and poll interval: all the watcher needs to plan its polls. */
public record PollSchedule(UUID id, Duration pollInterval) {}
