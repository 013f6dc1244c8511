/**
 * Desired-state hashing: one SHA-256 per service over its normalised Compose definition, the
 * repository files it uses and its image identity. The hash is stamped on containers as
 * {@code conops.config-hash}, so a changed {@code nginx.conf} in the repository restarts exactly the
 * services that mount it, which Compose alone does not notice. Pure JDK; reads files, writes nothing.
 */
package io.conops.core.hash;
