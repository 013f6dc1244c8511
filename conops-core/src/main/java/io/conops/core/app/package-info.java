/** The app model: what the user asked for (spec), what happened (status), and spec validation. */
package io.conops.core.app;
