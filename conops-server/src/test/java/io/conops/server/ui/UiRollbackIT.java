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
import tools.jackson.databind.JsonNode;

/**
 * The app page's history offers a rollback for each successful deployment of another commit than
 * the running one; using it serves the old page and pins the app, and the unpin button that then
 * shows makes the app follow its branch again.
 */
class UiRollbackIT {
    static final String APP = "conops-test-uirollback";

    @TempDir
    static Path tmp;

    @RegisterExtension
    static final UiFixture ui = new UiFixture(APP);

    static TestServer server;
    static WebDriver driver;
    static Pages pages;

    @BeforeAll
    static void start() {
        server = ui.server;
        driver = ui.driver;
        pages = ui.pages;
    }

    @Test
    void aRollbackButtonServesTheOldPageAndUnpinFollowsTheBranchAgain() {
        int port = Docker.freePort();
        String page = "http://127.0.0.1:" + port + "/";
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String one = repo.commit("Serve page one", UiFlowIT.files(port, "one"));
        server.json(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"" + APP + "\",\"repo_url\":\"" + repo.url() + "\",\"poll_interval\":\"1h\"}");
        awaitSyncedAt(one);
        String two = repo.commit("Serve page two", UiFlowIT.files(port, "two"));
        server.call("POST", "/api/v1/apps/" + APP + "/sync", null);
        awaitSyncedAt(two);
        long first = deploymentOf(one);
        long second = deploymentOf(two);

        pages.logIn();
        pages.open("/ui/apps/" + APP);
        assertThat(driver.findElements(By.id("unpin"))).isEmpty();
        // what runs now cannot be rolled back to; what ran before can
        assertThat(driver.findElements(By.cssSelector("li[data-id='" + second + "'] button.rollback")))
                .isEmpty();
        // the history re-renders itself as the app changes: a button found may be replaced at once
        clickWhenSettled(By.cssSelector("li[data-id='" + first + "'] button.rollback"));
        pages.awaitUrl("/ui/apps/" + APP);
        waitFor().until(() -> pages.text(".notice").contains("back to " + one.substring(0, 7)));
        awaitSyncedAt(one);
        waitFor().until(() -> "one".equals(Docker.fetch(page)));
        assertThat(server.app(APP).get("pinned_commit").asString()).isEqualTo(one);
        // the page follows the app: the rollback's record and the Pinned condition show up
        waitFor().until(() -> pages.text(".conditions").contains("Pinned"));
        // the trigger is shown in capitals (CSS), and WebDriver reads what is shown
        waitFor().until(() -> pages.text("ol.history li:first-child .trigger").equalsIgnoreCase("rollback"));
        assertThat(pages.text("ol.history li:first-child")).contains("by admin");
        // looked at by hand: the pinned app with its Unpin button, Pinned condition and history
        ui.browser.screenshotTo(Path.of("target", "screenshots", "ui-rollback-pinned.png"));

        clickWhenSettled(By.id("unpin"));
        pages.awaitUrl("/ui/apps/" + APP);
        waitFor().until(() -> pages.text(".notice").contains("follows its branch again"));
        awaitSyncedAt(two);
        waitFor().until(() -> "two".equals(Docker.fetch(page)));
        assertThat(server.app(APP).get("pinned_commit").isNull()).isTrue();
        assertThat(driver.findElements(By.id("unpin"))).isEmpty();
    }

    private static void clickWhenSettled(By button) {
        waitFor()
                .ignoreExceptionsMatching(e -> e instanceof org.openqa.selenium.StaleElementReferenceException)
                .until(() -> {
                    driver.findElement(button).click();
                    return true;
                });
    }

    private static void awaitSyncedAt(String commit) {
        waitFor().until(() -> {
            JsonNode a = server.app(APP);
            return a.get("status").asString().equals("synced")
                    && commit.equals(a.get("last_synced_commit").asString());
        });
    }

    private static long deploymentOf(String commit) {
        for (JsonNode d : server.json("GET", "/api/v1/apps/" + APP + "/deployments", null)) {
            if (commit.equals(d.get("commit").asString())
                    && d.get("outcome").asString().equals("succeeded")) {
                return d.get("id").asLong();
            }
        }
        throw new AssertionError("no successful deployment of " + commit);
    }
}
