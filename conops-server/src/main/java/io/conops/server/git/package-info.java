/**
 * Git access for ConOps through JGit, in-process: the {@link io.conops.server.git.JGitAdapter}
 * implementation of the core's {@code GitPort}.
 *
 * <p>One bare repository per app under the repositories directory, one stable worktree per app
 * whose path the caller owns. Every network command (ls-remote, fetch) goes through
 * {@code RemoteCommands}, the one place that applies credentials, the timeout and strict SSH host
 * key checking, and translates failures into {@link io.conops.server.git.GitException}. Deploy keys
 * stay in memory; known_hosts files are only read, never written.
 */
package io.conops.server.git;
