package io.conops.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The day-to-day flow in a real browser against the running server, with a real app on the real
 * engine: log in, register through the form (an error first), watch the app turn synced without a
 * reload, open it, sync it, kill its container and watch it heal in the page, change its branch,
 * delete it with its volumes. Saves the screenshots the README shows.
 */
class UiFlowIT {
    static final String APP = "conops-test-uiflow";
    static final String BROKEN = "conops-test-uiflow-broken";

    @TempDir
    static Path tmp;

    @RegisterExtension
    static final UiFixture ui = new UiFixture(APP, BROKEN);

    static TestServer server;
    static WebDriver driver;

    @BeforeAll
    static void start() {
        server = ui.server;
        driver = ui.driver;
    }

    static Map<String, String> files(int port, String page) {
        Map<String, String> files = new HashMap<>();
        files.put("compose.yaml", Docker.webCompose(port) + """
                  worker:
                    image: local/busybox:1
                    init: true
                    command: ["sh", "-c", "echo hello from the worker; exec sleep 100000"]
                    volumes: ["data:/data"]
                volumes:
                  data: {}
                """);
        files.put("site/index.html", page);
        return files;
    }

    @Test
    void registerWatchOpenSyncHealEditAndDeleteFromTheBrowser() {
        int port = Docker.freePort();
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("Serve the first page", files(port, "one"));

        // Given an anonymous visitor: the login page
        driver.get(server.url("/ui/apps"));
        awaitUrl("/ui/login");
        driver.findElement(By.id("token")).sendKeys(TestServer.TOKEN);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        awaitUrl("/ui/apps");
        assertThat(text("#empty")).contains("No apps yet");
        // the empty page stays put while the live updates connect (it once reloaded at each "ready")
        markPage();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(UiFlowIT::pageWasNotReloaded);

        // Register through the form: a wrong field first, shown next to it, values kept, nothing stored
        driver.findElement(By.linkText("Register app")).click();
        awaitUrl("/ui/apps/new");
        type("name", APP);
        type("repo_url", repo.url());
        type("poll_interval", "soon");
        driver.findElement(By.id("submit")).click();
        waitFor().until(() -> !text("#poll_interval-error").isBlank());
        assertThat(driver.findElement(By.id("name")).getDomAttribute("value")).isEqualTo(APP);
        assertThat(driver.findElement(By.id("repo_url")).getDomAttribute("value"))
                .isEqualTo(repo.url());
        assertThat(server.call("GET", "/api/v1/apps/" + APP, null).statusCode()).isEqualTo(404);
        ui.browser.screenshot("conops-register-app.png");
        type("poll_interval", "1s");
        type("service_envs", "1BAD=x");
        driver.findElement(By.id("submit")).click();
        waitFor().until(() -> text("#service_envs-error").contains("1BAD"));
        assertThat(server.call("GET", "/api/v1/apps/" + APP, null).statusCode()).isEqualTo(404);
        type("service_envs", "GREETING=from-the-form");
        driver.findElement(By.id("submit")).click();
        awaitUrl("/ui/apps");
        waitFor().until(() -> text(".notice").contains("Registered " + APP));
        assertThat(server.app(APP).get("service_env_keys").toString()).isEqualTo("[\"GREETING\"]");

        // Watch it turn synced without a reload (server-sent events)
        markPage();
        waitFor()
                .until(() -> text("tr.app-row[data-name='" + APP + "'] .badge.s-synced")
                        .equals("synced"));
        assertThat(pageWasNotReloaded()).isTrue();
        assertThat(text("tr.app-row[data-name='" + APP + "']")).contains("Serve the first page");
        waitFor().until(() -> "one".equals(Docker.fetch("http://127.0.0.1:" + port + "/")));
        server.register(BROKEN, "file:///nonexistent/conops-test-repo.git", null);
        waitFor().until(() -> text("tr.app-row[data-name='" + BROKEN + "']").contains("error"));
        assertThat(pageWasNotReloaded()).isTrue();
        ui.browser.screenshot("conops-dashboard.png");

        // Open it: services, history, a transcript, the logs
        driver.findElement(By.linkText(APP)).click();
        awaitUrl("/ui/apps/" + APP);
        waitFor().until(() -> text("tr.service-row[data-service='web']").contains("in sync"));
        assertThat(text("tr.service-row[data-service='web']"))
                .contains("running")
                .contains("local/busybox:1");
        assertThat(text("tr.service-row[data-service='worker']")).contains("running");
        driver.findElement(By.cssSelector("li.deployment summary")).click();
        assertThat(text("li.deployment pre.transcript")).contains("docker compose");
        assertThat(text("#diff-none")).contains("Nothing to do");
        waitFor().until(() -> text("#logs").contains("worker | hello from the worker"));
        ui.browser.screenshot("conops-app-detail.png");

        // Sync now
        int before = deployments();
        driver.findElement(By.id("sync-now")).click();
        waitFor().until(() -> text(".notice").contains("Sync of " + APP + " requested"));
        markPage();
        waitFor()
                .until(() -> !driver.findElements(By.cssSelector("li.deployment[data-trigger='manual']"))
                        .isEmpty());
        assertThat(deployments()).isGreaterThan(before);

        // Kill its container: the page shows the heal as it happens
        String web = Docker.containers(APP, "web").get(0);
        Docker.run("kill", web);
        waitFor()
                .until(() -> !driver.findElements(
                                By.cssSelector("li.deployment[data-trigger='drift'][data-outcome='succeeded']"))
                        .isEmpty());
        waitFor().until(() -> text("tr.service-row[data-service='web']").contains("running"));
        assertThat(pageWasNotReloaded()).isTrue();
        waitFor().until(() -> "one".equals(Docker.fetch("http://127.0.0.1:" + port + "/")));

        // Edit its branch
        repo.commit("next", "Serve the next page", files(port, "two"));
        driver.findElement(By.id("edit")).click();
        awaitUrl("/edit");
        assertThat(driver.findElement(By.id("name")).isEnabled()).isFalse();
        type("branch", "next");
        driver.findElement(By.id("submit")).click();
        awaitUrl("/ui/apps/" + APP);
        waitFor().until(() -> text(".notice").contains("Saved"));
        assertThat(text(".spec")).contains("next");
        assertThat(server.app(APP).get("branch").asString()).isEqualTo("next");
        waitFor().until(() -> "two".equals(Docker.fetch("http://127.0.0.1:" + port + "/")));
        waitFor().until(() -> text("#live").contains("Serve the next page"));

        // Delete it with its volumes
        assertThat(Docker.volumeExists(APP + "_data")).isTrue();
        driver.findElement(By.id("delete")).click();
        awaitUrl("/delete");
        driver.findElement(By.id("remove_volumes")).click();
        driver.findElement(By.id("confirm-delete")).click();
        awaitUrl("/ui/apps");
        waitFor().until(() -> text(".notice").contains("Deleted " + APP + " and its volumes"));
        assertThat(driver.findElements(By.cssSelector("tr.app-row[data-name='" + APP + "']")))
                .isEmpty();
        assertThat(server.call("GET", "/api/v1/apps/" + APP, null).statusCode()).isEqualTo(404);
        assertThat(Docker.allContainers(APP)).isEmpty();
        assertThat(Docker.volumeExists(APP + "_data")).isFalse();
    }

    @Test
    void theDashboardFiltersByStatusAndSearchesByName() {
        driver.get(server.url("/ui/login"));
        if (driver.getCurrentUrl().endsWith("/ui/login")) {
            driver.findElement(By.id("token")).sendKeys(TestServer.TOKEN);
            driver.findElement(By.cssSelector("button[type=submit]")).click();
        }
        server.register(BROKEN + "-2", "file:///nonexistent/conops-test-repo.git", null);
        try {
            driver.get(server.url("/ui/apps"));
            waitFor()
                    .until(() ->
                            text("tr.app-row[data-name='" + BROKEN + "-2']").contains("error"));
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-status")))
                    .selectByValue("synced");
            assertThat(driver.findElement(By.cssSelector("tr.app-row[data-name='" + BROKEN + "-2']"))
                            .isDisplayed())
                    .isFalse();
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-status")))
                    .selectByValue("error");
            assertThat(driver.findElement(By.cssSelector("tr.app-row[data-name='" + BROKEN + "-2']"))
                            .isDisplayed())
                    .isTrue();
            driver.findElement(By.id("filter-search")).sendKeys("no-such-name");
            assertThat(driver.findElement(By.cssSelector("tr.app-row[data-name='" + BROKEN + "-2']"))
                            .isDisplayed())
                    .isFalse();
            // nothing left to show (whatever other apps this server holds): the page says so
            assertThat(driver.findElement(By.cssSelector("tr.no-match")).isDisplayed())
                    .isTrue();
        } finally {
            server.call("DELETE", "/api/v1/apps/" + BROKEN + "-2", null);
        }
    }

    private static ConditionFactory waitFor() {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                // one matcher: a second ignoreExceptionsInstanceOf would replace the first
                .ignoreExceptionsMatching(
                        e -> e instanceof StaleElementReferenceException || e instanceof NoSuchElementException);
    }

    /** A click that submits returns before the next page is there: wait for it. */
    private static void awaitUrl(String suffix) {
        waitFor().until(() -> driver.getCurrentUrl().endsWith(suffix) && ready());
    }

    private static boolean ready() {
        return "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState;"));
    }

    private static String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private static void type(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** A mark on the page's window: gone after a reload, so its presence shows the page only updated. */
    private static void markPage() {
        ((JavascriptExecutor) driver).executeScript("window.conopsTestMark = 'still here';");
    }

    private static boolean pageWasNotReloaded() {
        return "still here".equals(((JavascriptExecutor) driver).executeScript("return window.conopsTestMark;"));
    }

    private static int deployments() {
        return server.json("GET", "/api/v1/apps/" + APP + "/deployments", null).size();
    }
}
