package io.conops.server.sync;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A service as a successful sync left it: its desired-state hash, the commit that last changed
 * that hash (stamped as {@code conops.commit}, so unchanged services keep their labels and
 * containers), and whether it may exit and stay exited; {@code noEnvFile}: it opted out of the
 * service_envs env file (see {@link ServiceEnvs}).
 */
public record DeployedService(
        @JsonProperty("name") String name,
        @JsonProperty("hash") String hash,
        @JsonProperty("commit") String commit,
        @JsonProperty("image") String image,
        @JsonProperty("one_shot") boolean oneShot,
        @JsonProperty("no_env_file") boolean noEnvFile) {}
