package io.conops.server.ui;

import static org.awaitility.Awaitility.await;

import io.conops.server.support.TestServer;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** What the browser tests of the web UI do again and again: wait, read, type, log in. */
final class Pages {
    private final WebDriver driver;
    private final TestServer server;

    Pages(WebDriver driver, TestServer server) {
        this.driver = driver;
        this.server = server;
    }

    static ConditionFactory waitFor() {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                // one matcher: a second ignoreExceptionsInstanceOf would replace the first
                .ignoreExceptionsMatching(
                        e -> e instanceof StaleElementReferenceException || e instanceof NoSuchElementException);
    }

    void open(String path) {
        driver.get(server.url(path));
        awaitReady();
    }

    /** Logs in with the token when the browser has no session yet. */
    void logIn() {
        open("/ui/apps");
        if (driver.getCurrentUrl().endsWith("/ui/login")) {
            driver.findElement(By.id("token")).sendKeys(TestServer.TOKEN);
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            awaitUrl("/ui/apps");
        }
    }

    /** A click that submits returns before the next page is there: wait for it. */
    void awaitUrl(String suffix) {
        waitFor().until(() -> driver.getCurrentUrl().endsWith(suffix) && ready());
    }

    void awaitReady() {
        waitFor().until(this::ready);
    }

    private boolean ready() {
        return "complete".equals(js("return document.readyState;"));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    void type(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** A mark on the page's window: gone after a reload, so its presence shows the page only updated. */
    void markPage() {
        js("window.conopsTestMark = 'still here';");
    }

    boolean pageWasNotReloaded() {
        return "still here".equals(js("return window.conopsTestMark;"));
    }
}
