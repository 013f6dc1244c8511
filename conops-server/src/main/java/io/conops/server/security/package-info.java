/**
 * Who may call what: Spring Security's filter chain with its strict firewall, deny by default, the
 * bearer token as the one way in, and the problem+json answers for refused requests.
 */
package io.conops.server.security;
