/**
 * Git access for ConOps through JGit, in-process: the {@link io.conops.server.git.JGitAdapter}
 * implementation of the core's {@code GitPort}.
 *
 * <p>One bare object store per repository and credentials under the repositories directory, shared
 * by the apps that use them, each app fetching into refs of its own; one stable worktree per app
 * whose path the caller owns, with an index of the app's own. Every network command (ls-remote, fetch) goes through
 * {@code RemoteCommands}, the one place that applies credentials, the timeout and strict SSH host
 * key checking, and translates failures into {@link io.conops.server.git.GitException}. Deploy keys
 * stay in memory; known_hosts files are only read, never written.
 */
package io.conops.server.git;
