package io.conops.server.ui;

import io.conops.server.support.Browser;
import io.conops.server.support.Docker;
import io.conops.server.support.TestServer;
import io.conops.server.system.Files2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;

/**
 * One server and one Chromium for a class of browser tests, as a {@code @RegisterExtension static}
 * field: started before its first test; after its last, the apps it names are deleted with their
 * volumes and containers, then the browser and the server stop (each even when the one before failed).
 */
final class UiFixture implements BeforeAllCallback, AfterAllCallback {
    private final List<String> apps;
    private Path dir;
    TestServer server;
    Browser browser;
    WebDriver driver;
    Pages pages;

    /** {@code apps}: the names of the apps the class's tests register. */
    UiFixture(String... apps) {
        this.apps = List.of(apps);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("conops-test-ui-");
        server = TestServer.start(dir.resolve("data"));
        browser = Browser.start(dir);
        driver = browser.driver;
        pages = new Pages(driver, server);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            for (String app : apps) {
                if (server != null) {
                    server.call("DELETE", "/api/v1/apps/" + app + "?remove_volumes=true", null);
                }
                Docker.purge(app);
            }
        } finally {
            try {
                if (browser != null) {
                    browser.close();
                }
            } finally {
                try {
                    if (server != null) {
                        server.close();
                    }
                } finally {
                    Files2.deleteRecursively(dir);
                }
            }
        }
    }
}
