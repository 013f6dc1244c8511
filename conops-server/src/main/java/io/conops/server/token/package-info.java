/**
 * API tokens with roles: created with a value shown once, stored as a keyed hash, listed without
 * values, revoked at once; and the check of a presented value against them.
 */
package io.conops.server.token;
