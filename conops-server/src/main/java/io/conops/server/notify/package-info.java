/**
 * Notifications: a message when a sync fails, when an app's health turns degraded, and when it
 * recovers, to the URLs of CONOPS_NOTIFY_URLS and of the app's own {@code notify_urls} (a generic
 * JSON webhook, a Slack-compatible webhook, ntfy). One message per change of state, never per tick;
 * sent on their own threads with retries, so a slow or absent receiver never holds the loop up.
 * The URLs are secrets: never logged, never returned.
 */
package io.conops.server.notify;
