/**
 * What Prometheus scrapes at {@code /actuator/prometheus} (behind the token): the loop's meters
 * ({@code conops_syncs_total}, {@code conops_sync_duration_seconds}, {@code conops_heals_total}),
 * the apps by status and health, the queue's depth, and the one log line per sync. The poll and
 * webhook meters are registered where those happen (sync.HeadPolls, webhook.WebhookReceiver).
 */
package io.conops.server.metrics;
