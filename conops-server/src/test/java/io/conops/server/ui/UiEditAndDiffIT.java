package io.conops.server.ui;

import static io.conops.server.ui.Pages.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The app page's "next sync" follows the app without a reload; the edit form removes a stored
 * secret through the API's rules; the register form refuses the name of its own page.
 */
class UiEditAndDiffIT {
    static final String APP = "conops-test-uidiff";
    static final String TOKEN_APP = "conops-test-uidiff-token";
    static final String WEBHOOK_SECRET = "conops-test-webhook-secret-0123";

    @TempDir
    static Path tmp;

    @RegisterExtension
    static final UiFixture ui = new UiFixture(APP, TOKEN_APP);

    static TestServer server;
    static WebDriver driver;
    static Pages pages;
    static TestRepo repo;
    static int port;

    @BeforeAll
    static void start() {
        server = ui.server;
        driver = ui.driver;
        pages = ui.pages;
        port = Docker.freePort();
        repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("Serve the first page", UiFlowIT.files(port, "one"));
        // polled once an hour: only the page itself can show that the branch moved
        server.json(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"" + APP + "\",\"repo_url\":\"" + repo.url() + "\",\"poll_interval\":\"1h\","
                        + "\"webhook_secret\":\"" + WEBHOOK_SECRET + "\"}");
        waitFor().until(() -> server.app(APP).get("status").asString().equals("synced"));
    }

    @Test
    void theNextSyncShownOnTheAppPageFollowsTheAppWithoutAReload() {
        pages.logIn();
        pages.open("/ui/apps/" + APP);
        waitFor().until(() -> pages.text("#diff").contains("Nothing to do"));
        pages.markPage();

        // a push the server has not polled yet; then the app changes (a container dies and is healed)
        String sha = repo.commit("Serve another page", UiFlowIT.files(port, "page " + System.nanoTime()));
        Docker.run("kill", Docker.containers(APP, "web").get(0));

        waitFor().until(() -> pages.text("#diff").contains("Would deploy " + sha.substring(0, 7)));
        assertThat(pages.text("#diff ul.diff")).contains("web");
        assertThat(pages.pageWasNotReloaded()).isTrue();
    }

    @Test
    void theEditFormRemovesAStoredSecretThroughTheApisRules() {
        pages.logIn();
        assertThat(server.app(APP).get("has_webhook_secret").asBoolean()).isTrue();
        pages.open("/ui/apps/" + APP + "/edit");
        driver.findElement(By.id("remove_webhook_secret")).click();
        driver.findElement(By.id("submit")).click();
        pages.awaitUrl("/ui/apps/" + APP);
        waitFor().until(() -> pages.text(".notice").contains("Saved"));
        assertThat(server.app(APP).get("has_webhook_secret").asBoolean()).isFalse();
        assertThat(pages.text(".spec")).contains("Webhook secret").contains("not set");

        // a token the app's method needs cannot go: the same error as the API's, next to the field
        server.register(
                TOKEN_APP,
                "https://127.0.0.1:1/nothing.git",
                "\"repo_auth_method\":\"token\",\"repo_token\":\"conops-test-token-0123456789\"");
        pages.open("/ui/apps/" + TOKEN_APP + "/edit");
        driver.findElement(By.id("remove_repo_token")).click();
        driver.findElement(By.id("submit")).click();
        waitFor().until(() -> pages.text("#repo_token-error").contains("is required with repo_auth_method token"));
        assertThat(server.app(TOKEN_APP).get("has_repo_token").asBoolean()).isTrue();
        // and a new token with the box ticked is a contradiction, not a guess
        driver.findElement(By.id("remove_repo_token")).click();
        pages.type("repo_token", "conops-test-token-9876543210");
        driver.findElement(By.id("submit")).click();
        waitFor().until(() -> pages.text("#repo_token-error").contains("not both"));
        assertThat(server.app(TOKEN_APP).get("has_repo_token").asBoolean()).isTrue();
    }

    @Test
    void theRegisterFormRefusesTheNameOfItsOwnPage() {
        pages.logIn();
        pages.open("/ui/apps/new");
        pages.type("name", "new");
        pages.type("repo_url", repo.url());
        driver.findElement(By.id("submit")).click();
        waitFor().until(() -> pages.text("#name-error").contains("reserved"));
        assertThat(driver.findElement(By.id("name")).getDomAttribute("value")).isEqualTo("new");
        assertThat(server.call("GET", "/api/v1/apps/new", null).statusCode()).isEqualTo(404);
        // the page at /ui/apps/new is still the register form
        pages.open("/ui/apps/new");
        assertThat(pages.text("h1")).isEqualTo("Register an app");
    }
}
