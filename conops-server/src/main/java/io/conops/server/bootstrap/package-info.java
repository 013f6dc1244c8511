/**
 * Apps declared outside the API and applied at every start: CONOPS_APPS_FILE (a YAML or JSON list
 * of apps with the API's fields) and CONOPS_REPOS (DockerOps' list of repositories, each a stack set).
 */
package io.conops.server.bootstrap;
