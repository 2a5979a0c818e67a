package org.synvae.eval.listening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A local web page that runs a task set for people, as the seed's Syneval did: the examples first
 * (image and melody of each, by class), then one task per page: play the melody, click the image it
 * belongs to. Each answer is appended to an {@link AnswersFile} at once. The listener sees their
 * accuracy only at the end. Media are served under generic names (task number, option position),
 * and option positions are shuffled per listener and task, so the page source does not give the
 * answer away. Bound to 127.0.0.1 only.
 *
 * <p>A slow or stalled client cannot hold the server: request bodies are read with a deadline and a
 * size cap ({@link Limits}), and the JDK server's own timers (which also cover request headers) are
 * switched on unless set already. Malformed requests get 400, oversized ones 413.
 */
public final class ListeningServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ListeningServer.class);
    private final TaskSet set;
    private final Path dataDir;
    private final AnswersFile answers;
    private final long seed;
    private final Limits limits;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService watchdog;

    /**
     * What one request may take.
     *
     * @param threads     requests served at once; a stalled client holds one until its deadline
     * @param readTimeout how long a request body may take to arrive
     * @param maxBody     the largest request body accepted, in bytes
     */
    public record Limits(int threads, Duration readTimeout, int maxBody) {
        /** 16 threads, 10 seconds, 64 KiB: answer forms are a few dozen bytes. */
        public static final Limits DEFAULT = new Limits(16, Duration.ofSeconds(10), 64 * 1024);

        public Limits {
            if (threads < 1 || readTimeout.isNegative() || readTimeout.isZero() || maxBody < 1) {
                throw new IllegalArgumentException("invalid limits " + threads + ", " + readTimeout + ", " + maxBody);
            }
        }
    }

    private ListeningServer(TaskSet set, Path dataDir, AnswersFile answers, long seed, Limits limits, HttpServer server,
                            ExecutorService executor, ScheduledExecutorService watchdog) {
        this.set = set;
        this.dataDir = dataDir;
        this.answers = answers;
        this.seed = seed;
        this.limits = limits;
        this.server = server;
        this.executor = executor;
        this.watchdog = watchdog;
    }

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param port 0 for any free port
     * @param seed seed of the option order (mixed with listener and task)
     */
    public static ListeningServer start(TaskSet set, Path dataDir, AnswersFile answers, int port, long seed) throws IOException {
        return start(set, dataDir, answers, port, seed, Limits.DEFAULT);
    }

    /** Starts serving on 127.0.0.1 with {@code limits} on each request. */
    public static ListeningServer start(TaskSet set, Path dataDir, AnswersFile answers, int port, long seed, Limits limits)
            throws IOException {
        enableServerTimers();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(limits.threads(), r -> {
            Thread t = new Thread(r, "listen-http");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "listen-watchdog");
            t.setDaemon(true);
            return t;
        });
        ListeningServer s = new ListeningServer(set, dataDir, answers, seed, limits, http, executor, watchdog);
        http.createContext("/", s::handle);
        http.setExecutor(executor);
        http.start();
        LOG.info("Serving {} tasks at {}", set.tasks().size(), s.url());
        return s;
    }

    /** The port bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The start page's URL. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /**
     * The JDK server reads request headers on the executor's threads without any timeout, so a client
     * that stops mid-header holds a thread for ever. Its own timers (off by default) close such
     * connections; they are read once per JVM, when the first server starts, so a value the user set
     * (-Dsun.net.httpserver.maxReqTime=S) is kept.
     */
    private static void enableServerTimers() {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "30");
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", "120");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        watchdog.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        // Not try-with-resources: that would close the exchange before the catch blocks answer it.
        try {
            String path = ex.getRequestURI().getPath();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            if ("POST".equals(ex.getRequestMethod()) && path.equals("/answer")) {
                byte[] body = body(ex);
                if (body == null) {
                    return;
                }
                q.putAll(query(new String(body, StandardCharsets.UTF_8)));
                answer(ex, q);
            } else if (path.equals("/")) {
                html(ex, 200, intro());
            } else if (path.equals("/examples")) {
                html(ex, 200, examples(listener(q)));
            } else if (path.equals("/task")) {
                task(ex, listener(q), integer(q, "t"));
            } else if (path.equals("/done")) {
                html(ex, 200, done(listener(q)));
            } else if (path.startsWith("/media/")) {
                media(ex, path.substring("/media/".length()), q);
            } else {
                html(ex, 404, page("Not found", "<p>No such page.</p>"));
            }
        } catch (BadRequest e) {
            html(ex, e.status, page(e.status == 413 ? "Request too large" : "Bad request", "<p>" + esc(e.getMessage()) + "</p>"));
        } catch (RuntimeException | IOException e) {
            LOG.error("Request {} failed", ex.getRequestURI(), e);
            html(ex, 500, page("Error", "<p>" + esc(String.valueOf(e.getMessage())) + "</p>"));
        } finally {
            ex.close();
        }
    }

    /**
     * The request body, at most {@link Limits#maxBody} bytes, read within {@link Limits#readTimeout};
     * {@code null} when the client did not send it in time (its connection is closed then, which is
     * what frees this thread from the blocked read).
     */
    private byte[] body(HttpExchange ex) {
        ScheduledFuture<?> deadline = watchdog.schedule(ex::close, limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            InputStream in = ex.getRequestBody();
            byte[] body = in.readNBytes(limits.maxBody() + 1);
            if (body.length > limits.maxBody()) {
                // Read and drop the rest (still within the deadline): closing on unread data would reset
                // the connection before the client sees the answer.
                in.transferTo(OutputStream.nullOutputStream());
                throw new BadRequest(413, "the request body is larger than " + limits.maxBody() + " bytes");
            }
            return body;
        } catch (IOException e) {
            LOG.warn("Request {}: the body did not arrive within {} s; connection closed", ex.getRequestURI(),
                    limits.readTimeout().toSeconds());
            return null;
        } finally {
            deadline.cancel(false);
        }
    }

    private String intro() {
        return page(set.name(), "<p>You will first hear and see " + set.examples().size() + " examples: melodies and the images they were made from. "
                + "Then, in each of " + set.tasks().size() + " tasks, listen to a melody and choose the image it belongs to.</p>"
                + "<form method='get' action='/examples'><label>Your name or an ID (optional): <input id='listener' name='listener'></label> "
                + "<button id='start' type='submit'>Start</button></form>");
    }

    private String examples(String listener) {
        StringBuilder b = new StringBuilder("<p>Examples: each image with the melody made from it.</p>");
        for (int c = 0; c < set.classes().size(); c++) {
            b.append("<h2>").append(esc(set.classes().get(c))).append("</h2><div class='row'>");
            for (int i = c * set.examplesPerClass(); i < (c + 1) * set.examplesPerClass(); i++) {
                b.append("<figure class='example'><img src='/media/example/").append(i).append(".png' alt='example'>")
                        .append("<audio controls preload='none' src='/media/example/").append(i).append(".wav'></audio></figure>");
            }
            b.append("</div>");
        }
        b.append("<p><a id='begin' href='/task?t=0&amp;listener=").append(enc(listener)).append("'>Begin the tasks</a></p>");
        return page(set.name() + ": examples", b.toString());
    }

    private void task(HttpExchange ex, String listener, int t) throws IOException {
        if (t < 0 || t >= set.tasks().size()) {
            throw new BadRequest("no task " + t);
        }
        int[] order = order(listener, t);
        StringBuilder b = new StringBuilder();
        b.append("<p id='progress'>Task ").append(t + 1).append(" of ").append(set.tasks().size()).append("</p>");
        b.append("<audio id='melody' controls autoplay src='/media/task/").append(t).append(".wav'></audio>");
        b.append("<p>Which image does this melody belong to?</p><form method='post' action='/answer'>")
                .append("<input type='hidden' name='listener' value='").append(esc(listener)).append("'>")
                .append("<input type='hidden' name='t' value='").append(t).append("'><div class='row'>");
        for (int p = 0; p < order.length; p++) {
            b.append("<button class='option' id='option-").append(p).append("' type='submit' name='position' value='").append(p).append("'>")
                    .append("<img src='/media/task/").append(t).append("/").append(p).append(".png?listener=").append(enc(listener))
                    .append("' alt='option ").append(p + 1).append("'></button>");
        }
        b.append("</div></form>");
        html(ex, 200, page(set.name(), b.toString()));
    }

    private void answer(HttpExchange ex, Map<String, String> q) throws IOException {
        String listener = listener(q);
        int t = integer(q, "t");
        int position = integer(q, "position");
        if (t < 0 || t >= set.tasks().size()) {
            throw new BadRequest("no task " + t);
        }
        int[] order = order(listener, t);
        if (position < 0 || position >= order.length) {
            throw new BadRequest("no option " + position);
        }
        TaskSet.Task task = set.tasks().get(t);
        int choice = order[position];
        answers.append(new Answer(listener, t, choice, task.options().get(choice), choice == task.truth(), Instant.now().toString()));
        String next = t + 1 < set.tasks().size() ? "/task?t=" + (t + 1) + "&listener=" + enc(listener) : "/done?listener=" + enc(listener);
        ex.getResponseHeaders().set("Location", next);
        ex.sendResponseHeaders(303, -1);
    }

    private String done(String listener) throws IOException {
        List<Answer> mine = AnswersFile.latest(answers.readAll()).stream().filter(a -> a.listener().equals(listener)).toList();
        long right = mine.stream().filter(a -> a.task() >= 0 && a.task() < set.tasks().size() && a.choice() == set.tasks().get(a.task()).truth()).count();
        return page("Thank you", String.format(java.util.Locale.ROOT,
                "<p id='result'>You matched <span id='correct'>%d</span> of <span id='answered'>%d</span> melodies to their images.</p>",
                right, mine.size()));
    }

    private void media(HttpExchange ex, String name, Map<String, String> q) throws IOException {
        // example/I.png|wav, task/T.wav, task/T/P.png
        String[] parts = name.split("/");
        Integer id = null;
        String file = null;
        try {
            if (parts.length == 2 && parts[0].equals("example")) {
                int i = Integer.parseInt(stem(parts[1]));
                if (i >= 0 && i < set.examples().size()) {
                    id = set.examples().get(i);
                    file = parts[1].endsWith(".png") ? TaskSet.imageName(id) : TaskSet.wavName(id);
                }
            } else if (parts.length == 2 && parts[0].equals("task") && parts[1].endsWith(".wav")) {
                int t = Integer.parseInt(stem(parts[1]));
                if (t >= 0 && t < set.tasks().size()) {
                    file = TaskSet.wavName(set.tasks().get(t).truthId());
                }
            } else if (parts.length == 3 && parts[0].equals("task") && parts[2].endsWith(".png")) {
                int t = Integer.parseInt(parts[1]);
                int p = Integer.parseInt(stem(parts[2]));
                if (t >= 0 && t < set.tasks().size() && p >= 0 && p < set.classes().size()) {
                    file = TaskSet.imageName(set.tasks().get(t).options().get(order(listener(q), t)[p]));
                }
            }
        } catch (NumberFormatException e) {
            file = null;
        }
        Path f = file == null ? null : dataDir.resolve(file);
        if (f == null || !Files.isRegularFile(f)) {
            html(ex, 404, page("Not found", "<p>No such media.</p>"));
            return;
        }
        ex.getResponseHeaders().set("Content-Type", file.endsWith(".png") ? "image/png" : "audio/wav");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, Files.size(f));
        try (InputStream in = Files.newInputStream(f); OutputStream out = ex.getResponseBody()) {
            in.transferTo(out);
        }
    }

    /** Option positions -> option index, shuffled per listener and task (reproducible for both). */
    int[] order(String listener, int task) {
        int k = set.classes().size();
        int[] o = new int[k];
        for (int i = 0; i < k; i++) {
            o[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed ^ (listener.hashCode() * 0x9E3779B97F4A7C15L) ^ (task * 0xC2B2AE3D27D4EB4FL));
        for (int i = k - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = o[i];
            o[i] = o[j];
            o[j] = tmp;
        }
        return o;
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }

    /** The listener's ID: letters, digits, '-' and '_' only; a blank one gets a random ID. */
    private static String listener(Map<String, String> q) {
        String raw = q.getOrDefault("listener", "").trim();
        String clean = raw.replaceAll("[^A-Za-z0-9_-]", "_");
        if (clean.length() > 64) {
            clean = clean.substring(0, 64);
        }
        // Listener IDs only separate people; they need not be reproducible, so no seed here.
        return clean.isEmpty() ? "listener-" + UUID.randomUUID().toString().substring(0, 8) : clean;
    }

    private static int integer(Map<String, String> q, String name) {
        try {
            return Integer.parseInt(q.getOrDefault(name, ""));
        } catch (NumberFormatException e) {
            throw new BadRequest("parameter '" + name + "' must be an integer");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            m.put(k, v);
        }
        return m;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // "%zz", or a '%' cut short: the client's mistake, not the server's.
            throw new BadRequest("malformed percent-encoding in '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'");
        }
    }

    private static void html(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + esc(title) + "</title><style>"
                + "body{font-family:sans-serif;max-width:60em;margin:2em auto}.row{display:flex;gap:1em;flex-wrap:wrap}"
                + "figure{margin:0}img{width:128px;height:128px;image-rendering:pixelated;display:block}"
                + "button.option{padding:4px;border:2px solid #888;background:#fff;cursor:pointer}button.option:hover{border-color:#06c}"
                + "</style></head><body><h1>" + esc(title) + "</h1>" + body + "</body></html>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A request the server cannot answer (status 400, or 413 when too large). */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        BadRequest(String message) {
            this(400, message);
        }

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
