/**
 * Secrets at rest: the encryption key (from CONOPS_ENCRYPTION_KEY or a generated key file), the
 * AES-256-GCM cipher that turns secrets into self-describing tokens for the database, redaction for
 * logs, and the private Docker client config that hands registry credentials to Compose.
 *
 * <p>Plain classes without Spring annotations; the server wires them as beans.
 */
package io.conops.server.credentials;
