package io.conops.core.reconcile;

import io.conops.core.app.Health;

/** The verdict on one service (or one orphan container) with a human-readable detail. */
public record ServiceDecision(String service, Reason reason, Health health, String detail) {}
