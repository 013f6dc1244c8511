package io.conops.server.system;

import io.conops.server.compose.ComposeCli;
import io.conops.server.compose.DockerEngine;
import io.conops.server.git.JGitAdapter;
import io.conops.server.git.KnownHosts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The adapters, built from the validated settings. */
@Configuration(proxyBeanMethods = false)
class Beans {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    DockerEngine dockerEngine(Environment env) {
        return new DockerEngine(env.getProperty("DOCKER_HOST"));
    }

    @Bean
    JGitAdapter gitAdapter(ConopsProperties props, DataDirectory dataDir) {
        return new JGitAdapter(
                dataDir.repos(), props.gitTimeout(), KnownHosts.locate(props.knownHostsFile(), dataDir.root()));
    }

    @Bean
    ComposeCli composeCli(ConopsProperties props, MeterRegistry meters) {
        return new ComposeCli("docker", props.syncTimeout(), System.getenv(), meters);
    }
}
