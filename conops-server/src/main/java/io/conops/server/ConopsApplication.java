package io.conops.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** ConOps: Git is the control plane, Compose is the runtime. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConopsApplication {
    public static void main(String[] args) {
        SpringApplication.run(ConopsApplication.class, args);
    }
}
