/** Per-app serialisation of work and the retry policy. */
package io.conops.core.queue;
