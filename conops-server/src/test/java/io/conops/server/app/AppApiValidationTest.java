package io.conops.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.conops.server.audit.AuditLog;
import io.conops.server.system.ConopsProperties;
import io.conops.server.system.DatabaseRecovery;
import io.conops.server.system.JsonSettings;
import java.time.Clock;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registration input is checked by the real controller, service and editor, on the web layer
 * alone: every bad body is a 400 problem naming its field, and nothing reaches the repository.
 * (Authentication is left to the full-server route test; this slice runs without filters.)
 */
@WebMvcTest(
        controllers = AppController.class,
        // the servlet filters of the security package (throttle, headers) belong to the full server
        excludeFilters =
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.conops\\.server\\.security\\..*"))
@AutoConfigureMockMvc(addFilters = false)
@Import({AppService.class, AppEditor.class, JsonSettings.class, AppApiValidationTest.Wiring.class})
class AppApiValidationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration
    @EnableConfigurationProperties(ConopsProperties.class)
    static class Wiring {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        TransactionTemplate transactionTemplate() {
            return new TransactionTemplate(mock(PlatformTransactionManager.class));
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AppRepository apps;

    @MockitoBean
    StoredCredentials credentials;

    @MockitoBean
    DatabaseRecovery database;

    @MockitoBean
    AuditLog audit;

    /** The audit trail is not this test's subject: each audited action simply runs. */
    @BeforeEach
    void auditRunsTheWork() {
        when(audit.around(any(), any(), any(), any(Supplier.class)))
                .thenAnswer(inv -> inv.<Supplier<?>>getArgument(3).get());
    }

    private JsonNode post(String body, int status) throws Exception {
        MvcResult r = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/apps/")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                .andReturn();
        assertThat(r.getResponse().getStatus())
                .as(r.getResponse().getContentAsString())
                .isEqualTo(status);
        assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.getResponse().getContentAsString());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "missing name|{\"repo_url\":\"https://example.com/r.git\"}|name",
                "name not a project name|{\"name\":\"My App\",\"repo_url\":\"https://example.com/r.git\"}|name",
                "missing repo_url|{\"name\":\"web\"}|repo_url",
                "unsupported scheme|{\"name\":\"web\",\"repo_url\":\"ftp://example.com/r.git\"}|repo_url",
                "port out of range|{\"name\":\"web\",\"repo_url\":\"https://127.0.0.1:99999/x\"}|repo_url",
                "file url refused by default|{\"name\":\"web\",\"repo_url\":\"file:///srv/r.git\"}|repo_url",
                "compose_path escaping|{\"name\":\"web\",\"repo_url\":\"https://example.com/r.git\",\"compose_path\":\"../x.yaml\"}|compose_path",
                "compose_path absolute|{\"name\":\"web\",\"repo_url\":\"https://example.com/r.git\",\"compose_path\":\"/etc/x.yaml\"}|compose_path",
                "poll_interval too short|{\"name\":\"web\",\"repo_url\":\"https://example.com/r.git\",\"poll_interval\":\"500ms\"}|poll_interval",
                "poll_interval overflowing|{\"name\":\"web\",\"repo_url\":\"https://example.com/r.git\",\"poll_interval\":\"9223372036854775807h\"}|poll_interval",
                "poll_interval garbage|{\"name\":\"web\",\"repo_url\":\"https://example.com/r.git\",\"poll_interval\":\"soon\"}|poll_interval",
                "bad branch|{\"name\":\"web\",\"repo_url\":\"https://example.com/r.git\",\"branch\":\"a..b\"}|branch",
                "unknown auth method|{\"name\":\"web\",\"repo_url\":\"https://example.com/r.git\",\"repo_auth_method\":\"magic\"}|repo_auth_method",
                "unknown target|{\"name\":\"web\",\"repo_url\":\"https://example.com/r.git\",\"target\":\"kubernetes\"}|target",
                "unknown field|{\"name\":\"web\",\"repo_url\":\"https://example.com/r.git\",\"colour\":\"red\"}|colour",
                "wrong type|{\"name\":42,\"repo_url\":\"https://example.com/r.git\"}|name",
                "wrong type for interval|{\"name\":\"web\",\"repo_url\":\"https://example.com/r.git\",\"poll_interval\":30}|poll_interval",
                "deploy key that is no key|{\"name\":\"web\",\"repo_url\":\"ssh://git@h/r.git\",\"repo_auth_method\":\"deploy_key\",\"deploy_key\":\"BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN BEGIN\"}|deploy_key",
            })
    void invalidRegistrationIsA400NamingTheFieldAndStoresNothing(String why, String body, String field)
            throws Exception {
        JsonNode problem = post(body, 400);
        assertThat(problem.get("field").asString()).isEqualTo(field);
        assertThat(problem.get("detail").asString()).startsWith(field);
        verify(apps, never()).saveAndFlush(any());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": \"web\", ", "[1,2]", "", "null"})
    void malformedJsonIsA400AndStoresNothing(String body) throws Exception {
        post(body, 400);
        verify(apps, never()).saveAndFlush(any());
    }
}
