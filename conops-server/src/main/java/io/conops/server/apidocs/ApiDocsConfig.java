package io.conops.server.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/** The description's frame (title, the bearer token every operation needs) and the page's assets. */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfig implements WebMvcConfigurer {
    static final String BEARER = "bearer";

    @Bean
    OpenAPI conopsOpenApi() {
        String version = ApiDocsConfig.class.getPackage().getImplementationVersion();
        return new OpenAPI()
                .info(new Info()
                        .title("ConOps API")
                        .version(version == null ? "development build" : version)
                        .description("GitOps for Docker Compose. Every request carries a token"
                                + " (Authorization: Bearer ...): the admin token or one made with"
                                + " POST /api/v1/tokens; errors are application/problem+json and name"
                                + " the field they are about."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("The admin token (CONOPS_ADMIN_TOKEN or the generated one)"
                                                + " or an API token")))
                // relative: springdoc would otherwise derive it from the request, which for the web
                // UI's copy of the document (/ui/api-docs/openapi.json) names the wrong base
                .servers(List.of(new Server().url("/").description("This ConOps server")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Swagger UI's files, from its webjar, behind the web UI's login like the page itself. */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/ui/api-docs/assets/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
    }
}
