package org.synvae.eval.listening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listening page over plain HTTP: answers are recorded, bad requests refused, IDs not exposed. */
class ListeningServerTest {

    @Test
    void recordsAnswersAndRefusesBadRequests(@TempDir Path dir) throws Exception {
        EvalExport export = EvalExport.read(FakeExport.write(dir.resolve("export"), 6, 2));
        TaskSet set = TaskGenerator.generate(export, new TaskGenerator.Settings("T", 1, 3, TripleSelection.Criterion.SUM, 3)).tasks();
        Path json = dir.resolve("t/eval.json");
        TaskMedia.copy(export, set, set.dataDir(json));
        AnswersFile answers = new AnswersFile(dir.resolve("t/answers.jsonl"));
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try (ListeningServer server = ListeningServer.start(set, set.dataDir(json), answers, 0, 1)) {
            assertThat(server.url()).startsWith("http://127.0.0.1:");
            String task = get(http, server.url() + "task?t=1&listener=ann").body();
            // No item ID of the task appears in the page.
            for (int id : set.tasks().get(1).options()) {
                assertThat(task).doesNotContain("/" + id + "_").doesNotContain("value='" + id + "'");
            }
            HttpResponse<String> ok = post(http, server.url() + "answer", "listener=ann&t=1&position=2");
            assertThat(ok.statusCode()).isEqualTo(303);
            assertThat(ok.headers().firstValue("Location")).hasValue("/task?t=2&listener=ann");
            assertThat(post(http, server.url() + "answer", "listener=ann&t=99&position=0").body()).contains("no task 99");
            assertThat(post(http, server.url() + "answer", "listener=ann&t=1&position=x").statusCode()).isEqualTo(400);
            assertThat(get(http, server.url() + "media/task/7.wav").statusCode()).isEqualTo(404);
            assertThat(get(http, server.url() + "media/../../etc/passwd").statusCode()).isEqualTo(404);
            assertThat(get(http, server.url() + "media/example/0.png").headers().firstValue("Content-Type")).hasValue("image/png");
        }
        assertThat(answers.readAll()).hasSize(1);
        Answer a = answers.readAll().get(0);
        assertThat(a.listener()).isEqualTo("ann");
        assertThat(a.chosenId()).isEqualTo(set.tasks().get(1).options().get(a.choice()));
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
