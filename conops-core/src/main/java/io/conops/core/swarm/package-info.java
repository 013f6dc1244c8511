/** Swarm services as observed, and the one comparison of them with what a stack deployed. */
package io.conops.core.swarm;
