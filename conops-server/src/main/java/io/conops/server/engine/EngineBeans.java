package io.conops.server.engine;

import io.conops.core.port.ComposePort;
import io.conops.core.port.EngineEventsPort;
import io.conops.core.port.EnginePort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The ports the loop uses, each routed to the app's engine. ConOps' own engine (the compose
 * package's beans) stays what readiness checks and what apps without a docker_host use.
 */
@Configuration(proxyBeanMethods = false)
class EngineBeans {
    @Bean
    @Primary
    EnginePort routedEngine(Engines engines) {
        return new EngineRouter(engines);
    }

    @Bean
    @Primary
    ComposePort routedCompose(Engines engines) {
        return new ComposeRouter(engines);
    }

    @Bean
    @Primary
    EngineEventsPort routedEngineEvents(Engines engines) {
        return new EngineStreams(engines);
    }
}
