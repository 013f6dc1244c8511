package io.conops.server.ui;

import static io.conops.server.ui.Pages.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.support.TlsCerts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The register and edit forms carry the deployment, trust and notification fields of the API (pull
 * policy, overlays, layout, target, engine, stack sets, signed commits, age key, notify_urls), go
 * through the same rules, and show the fields that are set at registration only as such.
 */
class UiDeploymentFieldsIT {
    static final String APP = "conops-test-uifields";
    static final String REFUSED = "conops-test-uifields-refused";
    static final String ON_TLS = "conops-test-uifields-tls";

    @TempDir
    static Path tmp;

    @RegisterExtension
    static final UiFixture ui = new UiFixture(APP, REFUSED, ON_TLS);

    static TestServer server;
    static WebDriver driver;
    static Pages pages;
    static TestRepo repo;

    @BeforeAll
    static void start() {
        server = ui.server;
        driver = ui.driver;
        pages = ui.pages;
        repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("Serve a page", UiFlowIT.files(Docker.freePort(), "fields"));
    }

    @Test
    void theFormsSetTheDeploymentTrustAndNotificationFields() {
        pages.logIn();
        pages.open("/ui/apps/new");
        pages.type("name", APP);
        pages.type("repo_url", repo.url());
        new Select(driver.findElement(By.id("pull_policy"))).selectByValue("never");
        pages.type("overlay_dir", "machines");
        pages.type("notify_urls", "http://127.0.0.1:9/conops-test-hook");
        driver.findElement(By.id("submit")).click();
        pages.awaitUrl("/ui/apps");

        var app = server.app(APP);
        assertThat(app.get("pull_policy").asString()).isEqualTo("never");
        assertThat(app.get("overlay_dir").asString()).isEqualTo("machines");
        assertThat(app.get("target").asString()).isEqualTo("compose");
        assertThat(app.get("has_notify_urls").asBoolean()).isTrue();
        waitFor().until(() -> server.app(APP).get("status").asString().equals("synced"));

        // the edit form shows them; what is set at registration only cannot be changed there
        pages.open("/ui/apps/" + APP + "/edit");
        assertThat(new Select(driver.findElement(By.id("pull_policy")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("never");
        assertThat(driver.findElement(By.id("overlay_dir")).getAttribute("value"))
                .isEqualTo("machines");
        for (String createOnly : List.of("target", "docker_host", "stacks_file", "stacks_glob")) {
            assertThat(driver.findElement(By.id(createOnly)).isEnabled())
                    .as(createOnly)
                    .isFalse();
        }
        assertThat(driver.findElement(By.id("remove_notify_urls")).isDisplayed())
                .isTrue();

        // signatures required without a key to check them: the API's error, next to the box
        driver.findElement(By.id("require_signed_commits")).click();
        driver.findElement(By.id("submit")).click();
        waitFor().until(() -> pages.text("#require_signed_commits-error").contains("allowed_signers"));
        assertThat(server.app(APP).get("require_signed_commits").asBoolean()).isFalse();

        // the pull policy back to the server's default, and the notification URLs removed
        pages.open("/ui/apps/" + APP + "/edit");
        new Select(driver.findElement(By.id("pull_policy"))).selectByValue("");
        driver.findElement(By.id("remove_notify_urls")).click();
        driver.findElement(By.id("submit")).click();
        pages.awaitUrl("/ui/apps/" + APP);
        waitFor().until(() -> pages.text(".notice").contains("Saved"));
        app = server.app(APP);
        assertThat(app.get("pull_policy").isNull()).isTrue();
        assertThat(app.get("has_notify_urls").asBoolean()).isFalse();
        assertThat(app.get("overlay_dir").asString()).isEqualTo("machines");
    }

    @Test
    void aBadEngineIsMarkedAtItsFieldAndNothingIsRegistered() {
        pages.logIn();
        pages.open("/ui/apps/new");
        pages.type("name", REFUSED);
        pages.type("repo_url", repo.url());
        pages.type("docker_host", "ftp://example.invalid");
        driver.findElement(By.id("submit")).click();
        waitFor().until(() -> pages.text("#docker_host-error").contains("unix://"));
        assertThat(driver.findElement(By.id("docker_host")).getAttribute("value"))
                .isEqualTo("ftp://example.invalid");
        assertThat(server.call("GET", "/api/v1/apps/" + REFUSED, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theTlsMaterialOfATcpEngineIsSentFromItsTextAreasAndNeverShownAgain() {
        TlsCerts ca = TlsCerts.authority(tmp.resolve("pki"), "uifields");
        TlsCerts.Issued client = ca.client("uifields-client");
        pages.logIn();
        pages.open("/ui/apps/new");
        pages.type("name", ON_TLS);
        pages.type("repo_url", repo.url());
        // nothing listens there: the app is registered, its engine unreachable
        pages.type("docker_host", "tcp://127.0.0.1:" + Docker.freePort());
        pages.type("docker_tls_ca", ca.caPem());
        pages.type("docker_tls_cert", "not a certificate");
        pages.type("docker_tls_key", client.key());
        driver.findElement(By.id("submit")).click();
        waitFor().until(() -> pages.text("#docker_tls_cert-error").contains("certificate"));
        assertThat(server.call("GET", "/api/v1/apps/" + ON_TLS, null).statusCode())
                .isEqualTo(404);
        assertThat(driver.getPageSource()).doesNotContain("PRIVATE KEY");

        pages.type("docker_tls_ca", ca.caPem());
        pages.type("docker_tls_cert", client.cert());
        pages.type("docker_tls_key", client.key());
        driver.findElement(By.id("submit")).click();
        pages.awaitUrl("/ui/apps");
        assertThat(server.app(ON_TLS).get("has_docker_tls").asBoolean()).isTrue();

        pages.open("/ui/apps/" + ON_TLS + "/edit");
        for (String field : List.of("docker_tls_ca", "docker_tls_cert", "docker_tls_key")) {
            assertThat(driver.findElement(By.id(field)).getAttribute("placeholder"))
                    .as(field)
                    .contains("stored");
        }
        assertThat(driver.getPageSource()).doesNotContain("BEGIN CERTIFICATE").doesNotContain("PRIVATE KEY");
    }
}
