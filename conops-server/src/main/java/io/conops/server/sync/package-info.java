/** The loop: the watcher detects commits, the reconciler compares and the sync worker applies. */
package io.conops.server.sync;
