/** The ConOps server, packaged by feature: app, sync, git, compose, credentials, ui, system. */
package io.conops.server;
