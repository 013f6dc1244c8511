package io.conops.server.system;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;

/** Strict JSON in: unknown fields and wrong types are errors, not silently dropped or coerced. */
@Configuration(proxyBeanMethods = false)
class JsonSettings {
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return b -> b.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }
}
