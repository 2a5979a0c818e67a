package org.synvae.eval.listening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    @Test
    void stalledUploadsDoNotFreezeTheServer(@TempDir Path dir) throws Exception {
        TaskSet set = taskSet(dir);
        AnswersFile answers = new AnswersFile(dir.resolve("t/answers.jsonl"));
        ListeningServer.Limits limits = new ListeningServer.Limits(4, Duration.ofSeconds(1), 1024);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Socket> stalled = new ArrayList<>();
        try (ListeningServer server = ListeningServer.start(set, set.dataDir(dir.resolve("t/eval.json")), answers, 0, 1, limits)) {
            // More stalled uploads than threads: each declares 100 bytes and sends 5.
            for (int i = 0; i < 6; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream().write(("POST /answer HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 100\r\n\r\nliste").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.setSoTimeout(10_000);
                stalled.add(s);
            }
            long start = System.nanoTime();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.url())).timeout(Duration.ofSeconds(8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(6.0);
            for (Socket s : stalled) {
                try (InputStream in = s.getInputStream()) {
                    // Closed by the server after the deadline (an answer or the end of the stream, never a hang).
                    in.readAllBytes();
                } catch (java.net.SocketException e) {
                    // reset: closed as well
                }
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
        assertThat(answers.readAll()).isEmpty();
    }

    @Test
    void garbageAnswersBadEncodingAndHugeBodiesAreTheClientsProblem(@TempDir Path dir) throws Exception {
        TaskSet set = taskSet(dir);
        AnswersFile answers = new AnswersFile(dir.resolve("t/answers.jsonl"));
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try (ListeningServer server = ListeningServer.start(set, set.dataDir(dir.resolve("t/eval.json")), answers, 0, 1)) {
            assertThat(post(http, server.url() + "answer", "listener=ann&t=0&position=0").statusCode()).isEqualTo(303);
            Files.writeString(answers.file(), "this is not json\nnull\n{\"task\":-5}\n", StandardOpenOption.APPEND);
            assertThat(post(http, server.url() + "answer", "listener=bob&t=0&position=1").statusCode()).isEqualTo(303);
            HttpResponse<String> done = get(http, server.url() + "done?listener=ann");
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).contains("of <span id='answered'>1</span>");
            assertThat(answers.readAll()).extracting(Answer::listener).containsExactly("ann", "bob");

            HttpResponse<String> badForm = post(http, server.url() + "answer", "listener=%zz&t=0&position=0");
            assertThat(badForm.statusCode()).isEqualTo(400);
            assertThat(badForm.body()).contains("malformed percent-encoding");
            assertThat(rawStatusLine(server.port(), "GET /task?t=0&listener=%zz HTTP/1.1")).contains(" 400 ");

            String big = "listener=mallory&t=0&position=0&pad=" + "x".repeat(100_000);
            assertThat(post(http, server.url() + "answer", big).statusCode()).isEqualTo(413);
            HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(server.url() + "answer"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).isEqualTo(413);

            // Many requests at once are still all served.
            List<CompletableFuture<HttpResponse<String>>> many = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                many.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + "task?t=0&listener=l" + i)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> f : many) {
                assertThat(f.get().statusCode()).isEqualTo(200);
            }
        }
        assertThat(answers.readAll()).extracting(Answer::listener).containsExactly("ann", "bob");
    }

    /** The status line of a request that java.net.URI would refuse to build. */
    private static String rawStatusLine(int port, String requestLine) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((requestLine + "\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        }
    }

    private static TaskSet taskSet(Path dir) throws Exception {
        EvalExport export = EvalExport.read(FakeExport.write(dir.resolve("export"), 6, 2));
        TaskSet set = TaskGenerator.generate(export, new TaskGenerator.Settings("T", 1, 3, TripleSelection.Criterion.SUM, 3)).tasks();
        TaskMedia.copy(export, set, set.dataDir(dir.resolve("t/eval.json")));
        return set;
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
