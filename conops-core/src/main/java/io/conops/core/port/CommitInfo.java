package io.conops.core.port;

import java.time.Instant;

/** The commit a deployment was made from. */
public record CommitInfo(String sha, String message, String author, Instant time) {}
