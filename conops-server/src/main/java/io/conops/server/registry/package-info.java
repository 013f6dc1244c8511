/**
 * Container registries, spoken to directly (Registry v2 API over the JDK's HttpClient): what digest
 * a tag points at now, so a moving tag can redeploy an app whose Git repository did not change.
 */
package io.conops.server.registry;
