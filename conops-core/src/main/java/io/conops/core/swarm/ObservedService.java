package io.conops.core.swarm;

import java.util.List;

/**
 * A service of a stack as the Swarm reports it.
 *
 * @param service     the service's name in the compose file (the stack's name and "_" removed)
 * @param configHash  its {@code conops.config-hash} label, null when absent
 * @param fingerprint a digest of its whole spec as the Swarm holds it: another one than right after
 *     ConOps deployed it means it was changed by hand ({@code docker service scale}, {@code update})
 * @param desired     replicas the spec asks for; for a global service the number of tasks the Swarm
 *     wants running
 * @param running     tasks that are running now
 * @param updateState the last update's state ({@code updating}, {@code paused}, {@code completed},
 *     {@code rollback_started}, {@code rollback_paused}, {@code rollback_completed}), null when none
 * @param updateMessage what the Swarm said about it
 * @param taskErrors  the errors of recent tasks that failed, newest first
 */
public record ObservedService(
        String service,
        String configHash,
        String fingerprint,
        int desired,
        int running,
        String updateState,
        String updateMessage,
        List<String> taskErrors) {
    public ObservedService {
        taskErrors = taskErrors == null ? List.of() : List.copyOf(taskErrors);
    }

    public String replicas() {
        return running + "/" + desired;
    }
}
