package io.conops.server.ui;

import static io.conops.server.ui.Pages.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The web UI at a phone's width (390 × 844) and by keyboard alone, in a real browser with a real
 * app: no page scrolls sideways, the main actions are on screen and can be pressed; TAB reaches the
 * skip link, a row's sync button, the app page's sync button and the register form's first field,
 * and the focus can be seen.
 */
class UiPhoneAndKeyboardIT {
    static final String APP = "conops-test-uiphone-with-a-rather-long-name";
    static final String BROKEN = "conops-test-uiphone-broken";
    /** Where the phone screenshots go: looked at, not published. */
    static final Path SHOTS = Path.of("target", "ui-screenshots");

    @TempDir
    static Path tmp;

    @RegisterExtension
    static final UiFixture ui = new UiFixture(APP, BROKEN);

    static TestServer server;
    static WebDriver driver;
    static Pages pages;

    @BeforeAll
    static void start() {
        server = ui.server;
        driver = ui.driver;
        pages = ui.pages;
        TestRepo repo = TestRepo.create(tmp.resolve("repo-with-a-long-path-that-a-phone-cannot-show-in-one-line"));
        repo.commit(
                "Serve a page, and say so in a commit message long enough to wrap",
                UiFlowIT.files(Docker.freePort(), "one"));
        server.register(APP, repo.url(), null);
        server.register(
                BROKEN, "file:///nonexistent/a-repository-path-much-wider-than-any-phone/conops-test-repo.git", null);
        waitFor().until(() -> server.app(APP).get("status").asString().equals("synced"));
        waitFor().until(() -> server.app(BROKEN).get("status").asString().equals("error"));
    }

    @Test
    void atPhoneWidthNoPageScrollsSidewaysAndTheActionsCanBePressed() {
        pages.logIn();
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            pages.open("/ui/apps");
            waitFor()
                    .until(() ->
                            pages.text("tr.app-row[data-name='" + BROKEN + "']").contains("error"));
            assertNoSidewaysScroll("apps");
            WebElement rowSync = driver.findElement(By.cssSelector("button[aria-label='Sync " + APP + "']"));
            assertPressable(rowSync);
            assertPressable(driver.findElement(By.linkText("+ Register app")));
            ui.browser.screenshotTo(SHOTS.resolve("phone-apps.png"));
            rowSync.click();
            pages.awaitUrl("/ui/apps");
            waitFor().until(() -> pages.text(".notice").contains("Sync of " + APP + " requested"));

            pages.open("/ui/apps/" + APP);
            waitFor()
                    .until(() -> !driver.findElements(By.cssSelector("tr.service-row"))
                            .isEmpty());
            driver.findElement(By.cssSelector("li.deployment summary")).click(); // the transcript's long lines
            assertNoSidewaysScroll("app");
            for (String id : List.of("sync-now", "edit", "delete")) {
                assertPressable(driver.findElement(By.id(id)));
            }
            ui.browser.screenshotTo(SHOTS.resolve("phone-app.png"));
            driver.findElement(By.id("sync-now")).click();
            waitFor().until(() -> pages.text(".notice").contains("Sync of " + APP + " requested"));

            pages.open("/ui/apps/new");
            assertNoSidewaysScroll("register");
            for (String id : List.of("name", "repo_url", "poll_interval", "submit")) {
                assertPressable(driver.findElement(By.id(id)));
            }
            ui.browser.screenshotTo(SHOTS.resolve("phone-register.png"));
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void byKeyboardAloneOneLogsInSyncsAndReachesTheRegisterForm() {
        driver.manage().deleteAllCookies();
        pages.open("/ui/apps");
        pages.awaitUrl("/ui/login");
        tabTo(e -> "token".equals(e.getDomAttribute("id")), 5);
        focused().sendKeys(TestServer.TOKEN, Keys.ENTER);
        pages.awaitUrl("/ui/apps");

        // the skip link comes first, shows when focused, and leads past the header
        WebElement skip = tabTo(e -> e.getText().equals("Skip to content"), 1);
        assertFocusVisible(skip);
        assertThat(onScreen(skip)).isTrue();
        skip.sendKeys(Keys.ENTER);
        WebElement afterSkip = press(Keys.TAB);
        assertThat(inside(afterSkip, "main")).as("TAB after the skip link").isTrue();

        // a row's sync button, pressed with ENTER
        WebElement rowSync = tabTo(e -> ("Sync " + APP).equals(e.getDomAttribute("aria-label")), 40);
        assertFocusVisible(rowSync);
        rowSync.sendKeys(Keys.ENTER);
        waitFor().until(() -> pages.text(".notice").contains("Sync of " + APP + " requested"));

        // the app's page, its sync button pressed with SPACE
        tabTo(e -> e.getText().equals(APP), 40).sendKeys(Keys.ENTER);
        pages.awaitUrl("/ui/apps/" + APP);
        WebElement syncNow = tabTo(e -> "sync-now".equals(e.getDomAttribute("id")), 20);
        assertFocusVisible(syncNow);
        syncNow.sendKeys(Keys.SPACE);
        waitFor().until(() -> pages.text(".notice").contains("Sync of " + APP + " requested"));

        // the register form's first field
        tabTo(e -> e.getText().equals("Register app"), 10).sendKeys(Keys.ENTER);
        pages.awaitUrl("/ui/apps/new");
        WebElement name = tabTo(e -> inside(e, "main"), 10);
        assertThat(name.getDomAttribute("id")).isEqualTo("name");
        assertFocusVisible(name);
    }

    /** Presses TAB until the focused element is the one wanted; fails after {@code max} presses. */
    private static WebElement tabTo(Predicate<WebElement> wanted, int max) {
        for (int i = 0; i < max; i++) {
            WebElement now = press(Keys.TAB);
            if (wanted.test(now)) {
                return now;
            }
        }
        throw new AssertionError("not reached with " + max + " TABs; focus is on " + describe(focused()));
    }

    private static WebElement press(Keys key) {
        new Actions(driver).sendKeys(key).perform();
        return focused();
    }

    private static WebElement focused() {
        return driver.switchTo().activeElement();
    }

    private static String describe(WebElement e) {
        return e.getTagName() + " '" + e.getText() + "' " + e.getDomAttribute("id");
    }

    private static boolean inside(WebElement e, String css) {
        return (Boolean) pages.js("return arguments[0].closest(arguments[1]) !== null;", e, css);
    }

    private static void assertFocusVisible(WebElement e) {
        assertThat((Boolean) pages.js(
                        "var s = getComputedStyle(arguments[0]);"
                                + "return arguments[0].matches(':focus-visible') && s.outlineStyle !== 'none'"
                                + " && parseFloat(s.outlineWidth) >= 2;",
                        e))
                .as("a visible focus on " + describe(e))
                .isTrue();
    }

    private static void assertNoSidewaysScroll(String page) {
        Object widths = pages.js("return [document.scrollingElement.scrollWidth, window.innerWidth];");
        assertThat((Boolean) pages.js("return document.scrollingElement.scrollWidth <= window.innerWidth;"))
                .as(page + " page: [scrollWidth, innerWidth] = " + widths + "; too wide: " + tooWide())
                .isTrue();
    }

    /** The elements that stick out on the right: what to fix when the page scrolls sideways. */
    private static Object tooWide() {
        return pages.js("var out = [];"
                + "document.querySelectorAll('main *').forEach(function (e) {"
                + "  var r = e.getBoundingClientRect();"
                + "  if (r.right > window.innerWidth + 0.5 && out.length < 8)"
                + "    out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));"
                + "}); return out.join(', ');");
    }

    /** On screen, not covered, and enabled: a thumb can press it. */
    private static void assertPressable(WebElement e) {
        pages.js("arguments[0].scrollIntoView({block: 'center'});", e);
        assertThat(e.isDisplayed()).as(describe(e)).isTrue();
        assertThat(e.isEnabled()).as(describe(e)).isTrue();
        assertThat(onScreen(e)).as(describe(e) + " within the screen's width").isTrue();
        assertThat((Boolean) pages.js(
                        "var r = arguments[0].getBoundingClientRect();"
                                + "var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                                + "return hit !== null && (hit === arguments[0] || arguments[0].contains(hit));",
                        e))
                .as(describe(e) + " not covered by anything")
                .isTrue();
    }

    private static boolean onScreen(WebElement e) {
        return (Boolean) pages.js(
                "var r = arguments[0].getBoundingClientRect();"
                        + "return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;",
                e);
    }
}
