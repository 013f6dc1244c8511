/** The web UI. */
package io.conops.server.ui;
