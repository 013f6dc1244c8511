package io.conops.server.compose;

import io.conops.core.port.EngineEventsPort;
import io.conops.core.queue.Backoff;
import io.conops.server.system.ConopsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The Engine API client and the Compose CLI, from the validated settings. */
@Configuration(proxyBeanMethods = false)
class ComposeBeans {

    @Bean(destroyMethod = "close")
    DockerEngine dockerEngine(Environment env) {
        return new DockerEngine(env.getProperty("DOCKER_HOST"));
    }

    /** The Engine's events, followed with a capped backoff between reconnections. */
    @Bean
    EngineEventsPort engineEvents(DockerEngine engine) {
        return listener -> {
            EngineEvents events =
                    new EngineEvents(engine, listener, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));
            events.start();
            return events;
        };
    }

    @Bean
    ComposeCli composeCli(ConopsProperties props, MeterRegistry meters) {
        return new ComposeCli("docker", props.syncTimeout(), System.getenv(), meters);
    }
}
