/** Apps: the REST API to register, read, sync and delete them, and their storage. */
package io.conops.server.app;
