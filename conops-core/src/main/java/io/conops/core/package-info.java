/**
 * ConOps core: the app model, the compare/decide logic, the per-app work queue and retry policy,
 * the ports the server implements and the wire DTOs shared with the CLI. Plain JDK only.
 */
package io.conops.core;
