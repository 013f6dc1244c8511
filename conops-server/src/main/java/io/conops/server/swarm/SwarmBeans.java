package io.conops.server.swarm;

import io.conops.core.port.StackPort;
import io.conops.core.port.SwarmPort;
import io.conops.server.compose.ComposeCli;
import io.conops.server.compose.DockerEngine;
import io.conops.server.system.DataDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Swarm adapters, over the same Engine client and CLI runner as the Compose path. */
@Configuration(proxyBeanMethods = false)
class SwarmBeans {

    @Bean
    SwarmPort swarmEngine(DockerEngine engine) {
        return new SwarmEngine(engine);
    }

    @Bean
    StackPort stackCli(ComposeCli cli, DataDirectory dataDir) {
        return new StackCli(cli, dataDir.root());
    }
}
