package io.conops.server.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every feature shares: the clock. Each adapter is built next to its feature. */
@Configuration(proxyBeanMethods = false)
class Beans {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
