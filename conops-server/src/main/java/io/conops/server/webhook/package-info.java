/**
 * Webhooks: pushes reported by GitHub, GitLab, Gitea (and Forgejo) or any sender of ConOps' own
 * format, each authenticated by its provider's signature instead of the admin token. A verified
 * push is matched against the apps' repositories and branches and synced at once.
 */
package io.conops.server.webhook;
