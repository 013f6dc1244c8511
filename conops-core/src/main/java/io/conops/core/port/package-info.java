/** The small interfaces the server's adapters implement: Git, Compose, the Engine. */
package io.conops.core.port;
