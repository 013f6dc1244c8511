/** Configuration, database selection, the admin token, health and start-up checks. */
package io.conops.server.system;
