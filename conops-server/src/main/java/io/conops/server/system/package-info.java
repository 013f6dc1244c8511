/** Configuration, database selection, authentication, health and start-up checks. */
package io.conops.server.system;
