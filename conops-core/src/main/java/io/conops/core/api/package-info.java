/** Wire DTOs of the REST API, shared by the server and the CLI. JSON is snake_case. */
package io.conops.core.api;
