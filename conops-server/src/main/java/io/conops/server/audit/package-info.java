/**
 * The audit trail: who (token name, address) changed what (app, token, login) and how it ended,
 * newest first through the API, pruned after {@code CONOPS_AUDIT_RETENTION}. Never a secret.
 */
package io.conops.server.audit;
