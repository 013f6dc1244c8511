/**
 * Who is calling: the roles a token can have and the caller of the current request (name, role,
 * the apps it is limited to), which the features read to scope what they show and to audit.
 */
package io.conops.server.access;
