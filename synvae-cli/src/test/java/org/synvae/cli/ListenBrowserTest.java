package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synvae.data.RequiredTool;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.synvae.eval.listening.AnswersFile;
import org.synvae.eval.listening.EvalExport;
import org.synvae.eval.listening.FakeExport;
import org.synvae.eval.listening.ListeningReport;
import org.synvae.eval.listening.ListeningServer;
import org.synvae.eval.listening.TaskGenerator;
import org.synvae.eval.listening.TaskMedia;
import org.synvae.eval.listening.TaskSet;
import org.synvae.eval.listening.TripleSelection;

/**
 * Two listeners take a listening test in headless Chromium; skipped where chromium or chromedriver
 * is not installed (Debian: apt-get install chromium chromium-driver).
 */
class ListenBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void twoListenersAnswerEveryTask(@TempDir Path dir) throws Exception {
        RequiredTool.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "chromium and chromedriver (Debian packages chromium, chromium-driver)");
        EvalExport export = EvalExport.read(FakeExport.write(dir.resolve("export"), 6, 4));
        TaskSet set = TaskGenerator.generate(export, new TaskGenerator.Settings("Browser test", 1, 3, TripleSelection.Criterion.SUM, 9)).tasks();
        Path json = dir.resolve("test/eval.json");
        TaskMedia.copy(export, set, set.dataDir(json));
        set.write(json);
        AnswersFile answers = new AnswersFile(dir.resolve("test/answers.jsonl"));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        WebDriver browser = new ChromeDriver(service, options);
        try (ListeningServer server = ListeningServer.start(set, set.dataDir(json), answers, 0, 42)) {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            for (String listener : List.of("alice", "bob")) {
                browser.get(server.url());
                browser.findElement(By.id("listener")).sendKeys(listener);
                browser.findElement(By.id("start")).click();
                wait.until(ExpectedConditions.urlContains("/examples"));
                assertThat(browser.findElements(By.cssSelector("figure.example img"))).hasSize(3);
                browser.findElement(By.id("begin")).click();
                for (int t = 0; t < set.tasks().size(); t++) {
                    // Wait for the next page: the old one is still there right after a click.
                    wait.until(ExpectedConditions.textToBe(By.id("progress"), "Task " + (t + 1) + " of 3"));
                    assertThat(browser.findElement(By.id("melody")).getAttribute("src")).endsWith("/media/task/" + t + ".wav");
                    // Every option image loaded (naturalWidth > 0), then choose the first position.
                    for (int p = 0; p < 3; p++) {
                        Object width = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                                "return document.querySelector('#option-" + p + " img').naturalWidth");
                        assertThat(((Number) width).intValue()).isEqualTo(4);
                    }
                    browser.findElement(By.id("option-0")).click();
                }
                wait.until(ExpectedConditions.urlContains("/done"));
                assertThat(browser.findElement(By.id("answered")).getText()).isEqualTo("3");
            }
        } finally {
            browser.quit();
        }
        assertThat(answers.readAll()).hasSize(6);
        ListeningReport report = ListeningReport.of(set, answers.readAll());
        assertThat(report.completeListeners()).isEqualTo(2);
        assertThat(report.perListener()).containsKeys("alice", "bob");
    }
}
