package io.conops.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Browser;
import io.conops.server.support.Routes;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.support.UiSession;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;

/**
 * The API's contract, from a real server: /v3/api-docs (behind the token) describes every route the
 * server maps under /api/, with a summary, its errors, a description of every field and an example
 * of every body; every example validates against its schema, and so do the server's real answers.
 * The browsable page is in the web UI.
 */
class ApiDocsIT {
    @TempDir
    static Path tmp;

    static TestServer server;
    static Contract contract;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"));
        HttpResponse<String> r = server.call("GET", "/v3/api-docs", null);
        assertThat(r.statusCode()).isEqualTo(200);
        contract = new Contract(TestServer.parse(r.body()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theDescriptionNeedsTheToken() {
        assertThat(server.call("GET", "/v3/api-docs", null, null).statusCode()).isEqualTo(401);
        assertThat(contract.doc().get("openapi").asString()).startsWith("3.1");
        assertThat(contract.doc().path("components").path("securitySchemes").has("bearer"))
                .isTrue();
        // relative, so "Try it out" calls this server's API from the web UI's page too
        assertThat(contract.doc().path("servers").get(0).get("url").asString()).isEqualTo("/");
    }

    @Test
    void everyApiRouteTheServerMapsIsDescribed() {
        List<Routes.Route> api = Routes.of(server, "x").stream()
                .filter(r -> r.pattern().startsWith("/api/"))
                .toList();
        assertThat(api).hasSizeGreaterThan(15);
        for (Routes.Route r : api) {
            String path = r.pattern().length() > 1 && r.pattern().endsWith("/")
                    ? r.pattern().substring(0, r.pattern().length() - 1)
                    : r.pattern();
            JsonNode op =
                    contract.doc().path("paths").path(path).path(r.method().toLowerCase());
            assertThat(op.isObject())
                    .as(r.method() + " " + r.pattern() + " is described")
                    .isTrue();
        }
    }

    @Test
    void everyOperationHasASummaryItsErrorsAndDescribedParameters() {
        List<String> gaps = new ArrayList<>();
        contract.operations((where, op) -> {
            if (op.path("summary").asString("").isBlank()
                    || op.path("operationId").asString("").isBlank()) {
                gaps.add(where + ": no summary or operationId");
            }
            boolean open = op.has("security") && op.get("security").isEmpty();
            if (!op.path("responses").has("401")) {
                gaps.add(where + ": no 401");
            }
            if (!open && !op.path("responses").has("403")) {
                gaps.add(where + ": no 403");
            }
            op.path("responses").properties().forEach(r -> {
                if (contract.resolve(r.getValue())
                        .path("description")
                        .asString("")
                        .isBlank()) {
                    gaps.add(where + " " + r.getKey() + ": no description");
                }
            });
            for (JsonNode p : op.path("parameters")) {
                if (p.path("description").asString("").isBlank()) {
                    gaps.add(where + " parameter " + p.path("name").asString() + ": no description");
                }
            }
        });
        assertThat(gaps).isEmpty();
    }

    @Test
    void everyFieldIsDescribedAndEverySchemaHasAnExample() {
        List<String> gaps = new ArrayList<>();
        for (Map.Entry<String, JsonNode> s :
                contract.doc().path("components").path("schemas").properties()) {
            JsonNode schema = s.getValue();
            if (schema.path("description").asString("").isBlank()) {
                gaps.add(s.getKey() + ": no description");
            }
            if (!schema.has("example")) {
                gaps.add(s.getKey() + ": no example");
            }
            schema.path("properties").properties().forEach(p -> {
                if (p.getValue().path("description").asString("").isBlank()) {
                    gaps.add(s.getKey() + "." + p.getKey() + ": no description");
                }
            });
        }
        assertThat(gaps).isEmpty();
    }

    @Test
    void everyExampleValidatesAgainstItsSchema() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> s :
                contract.doc().path("components").path("schemas").properties()) {
            List<String> v = contract.violations(s.getValue(), s.getValue().get("example"));
            v.forEach(e -> wrong.add("schema " + s.getKey() + ": " + e));
            checked++;
        }
        for (Map.Entry<String, JsonNode> m : contract.mediaTypes()) {
            JsonNode schema = m.getValue().get("schema");
            JsonNode example = m.getValue().has("example")
                    ? m.getValue().get("example")
                    : contract.resolve(schema).get("example");
            if (example == null) {
                wrong.add(m.getKey() + ": no example");
                continue;
            }
            contract.violations(schema, example).forEach(e -> wrong.add(m.getKey() + ": " + e));
            checked++;
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void theServersRealAnswersMatchTheirSchemas() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("broken", Map.of("compose.yaml", "services: [not a mapping\n"));
        server.register("conops-test-apidocs", repo.url(), null);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> server.json("GET", "/api/v1/apps/conops-test-apidocs/deployments", null)
                                .size()
                        > 0);
        server.json("POST", "/api/v1/tokens", "{\"name\":\"ci\",\"role\":\"viewer\",\"expires_in\":\"1d\"}");
        List<String> wrong = new ArrayList<>();
        check(wrong, "GET", "/api/v1/apps", null, "200");
        check(wrong, "GET", "/api/v1/apps/{id}", "/api/v1/apps/conops-test-apidocs", "200");
        check(wrong, "GET", "/api/v1/apps/{id}/deployments", "/api/v1/apps/conops-test-apidocs/deployments", "200");
        check(wrong, "GET", "/api/v1/tokens", null, "200");
        check(wrong, "GET", "/api/v1/audit", null, "200");
        check(wrong, "GET", "/api/v1/info", null, "200");
        check(wrong, "GET", "/api/v1/apps/{id}", "/api/v1/apps/no-such-app", "404");
        check(wrong, "POST", "/api/v1/notifications/test", null, "409");
        server.call("DELETE", "/api/v1/apps/conops-test-apidocs", null);
        assertThat(wrong).isEmpty();
    }

    private static void check(List<String> wrong, String method, String pattern, String path, String status) {
        HttpResponse<String> r = server.call(method, path == null ? pattern : path, null);
        assertThat(String.valueOf(r.statusCode())).as(method + " " + pattern).isEqualTo(status);
        JsonNode response = contract.resolve(contract.doc()
                .path("paths")
                .path(pattern)
                .path(method.toLowerCase())
                .path("responses")
                .path(status));
        JsonNode content = response.path("content");
        JsonNode media = content.properties().iterator().next().getValue();
        contract.violations(media.get("schema"), TestServer.parse(r.body()))
                .forEach(e -> wrong.add(method + " " + pattern + " " + status + ": " + e));
    }

    @Test
    void theBrowsablePageIsInTheWebUi() {
        UiSession anonymous = new UiSession(server);
        assertThat(anonymous.get("/ui/api-docs").statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/ui/api-docs/openapi.json").statusCode()).isEqualTo(302);

        UiSession ui = new UiSession(server);
        ui.login(TestServer.TOKEN);
        HttpResponse<String> page = ui.get("/ui/api-docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js").contains("/ui/assets/api-docs.js");
        assertThat(ui.get("/ui/api-docs/assets/swagger-ui/swagger-ui-bundle.js").statusCode())
                .isEqualTo(200);
        assertThat(ui.get("/ui/api-docs/assets/swagger-ui/swagger-ui.css").statusCode())
                .isEqualTo(200);
        HttpResponse<String> doc = ui.get("/ui/api-docs/openapi.json");
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(TestServer.parse(doc.body()).get("paths"))
                .isEqualTo(contract.doc().get("paths"));
    }

    /** In a real browser, under the web UI's content security policy: Swagger UI renders every operation. */
    @Test
    void theBrowsablePageRendersInABrowser() {
        try (Browser browser = Browser.start(tmp)) {
            WebDriver driver = browser.driver;
            driver.get(server.url("/ui/login"));
            driver.findElement(By.id("token")).sendKeys(TestServer.TOKEN);
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> driver.getCurrentUrl().endsWith("/ui/apps"));
            driver.get(server.url("/ui/api-docs"));
            int operations = contract.doc().path("paths").properties().stream()
                    .mapToInt(p -> p.getValue().size())
                    .sum();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> driver.findElements(By.cssSelector(".opblock")).size() == operations);
            assertThat(driver.findElement(By.cssSelector(".info .title")).getText())
                    .contains("ConOps API");
            browser.screenshot("conops-api-docs.png");
        }
    }
}
