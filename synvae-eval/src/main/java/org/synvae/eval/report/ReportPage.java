package org.synvae.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.synvae.data.io.AtomicFiles;

/**
 * One HTML page for an experiment or evaluation directory: the metrics of every {@code results.json}
 * (and {@code stats.json}, {@code report.json}) found below it as tables, its PNGs, and an audio
 * player per WAV. Media are linked relative to the page, not copied, so the page stays small and
 * belongs inside the directory it describes.
 */
public final class ReportPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METRIC_FILES = List.of("results.json", "stats.json", "report.json");
    private static final int MAX_DEPTH = 6;
    private static final int MAX_ARRAY = 16;

    /**
     * What was found.
     *
     * @param metrics     metrics file -> flattened key -> value
     * @param images      PNG files shown
     * @param audio       WAV files shown
     * @param totalImages PNG files found
     * @param totalAudio  WAV files found
     */
    public record Contents(Map<Path, Map<String, String>> metrics, List<Path> images, List<Path> audio, int totalImages,
                           int totalAudio) {
    }

    private ReportPage() {
    }

    /**
     * Scans {@code root}: metrics files, PNGs and WAVs, sorted by path; at most {@code maxMedia} of
     * each kind of media, spread over the folders they are in ({@link #spread}).
     */
    public static Contents scan(Path root, int maxMedia) throws IOException {
        Map<Path, Map<String, String>> metrics = new LinkedHashMap<>();
        List<Path> images = new ArrayList<>();
        List<Path> audio = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (METRIC_FILES.contains(name)) {
                    try {
                        metrics.put(f, flatten(JSON.readTree(f.toFile())));
                    } catch (com.fasterxml.jackson.core.JacksonException e) {
                        metrics.put(f, Map.of("(unreadable)", e.getOriginalMessage()));
                    }
                } else if (name.endsWith(".png")) {
                    images.add(f);
                } else if (name.endsWith(".wav")) {
                    audio.add(f);
                }
            }
        }
        return new Contents(metrics, spread(images, root, maxMedia), spread(audio, root, maxMedia), images.size(), audio.size());
    }

    /**
     * At most {@code max} of {@code files} (all under {@code dir}), taken in turn from each folder at
     * every level (kinds such as originals/ and reconstructions/, then classes within them), so a
     * limit shows every kind and class instead of the first folders in sort order. Sorted by path.
     */
    static List<Path> spread(List<Path> files, Path dir, int max) {
        if (files.size() <= max) {
            return files.stream().sorted().toList();
        }
        return interleave(files, dir).subList(0, max).stream().sorted().toList();
    }

    /** {@code files} in turn from each sub-folder of {@code dir} (recursively), files directly in it as one more turn. */
    private static List<Path> interleave(List<Path> files, Path dir) {
        Map<String, List<Path>> byChild = new java.util.TreeMap<>();
        List<Path> here = new ArrayList<>();
        for (Path f : files) {
            Path rel = dir.relativize(f);
            if (rel.getNameCount() <= 1) {
                here.add(f);
            } else {
                byChild.computeIfAbsent(rel.getName(0).toString(), k -> new ArrayList<>()).add(f);
            }
        }
        List<List<Path>> turns = new ArrayList<>();
        byChild.forEach((child, inside) -> turns.add(interleave(inside, dir.resolve(child))));
        if (!here.isEmpty()) {
            turns.add(here.stream().sorted().toList());
        }
        List<Path> out = new ArrayList<>(files.size());
        for (int i = 0; out.size() < files.size(); i++) {
            for (List<Path> t : turns) {
                if (i < t.size()) {
                    out.add(t.get(i));
                }
            }
        }
        return out;
    }

    /**
     * Leaf values of a JSON tree by dotted path ({@code precision_latent_means.overall.1}); arrays of
     * more than 16 elements are summarised by their length.
     */
    public static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            if (node.size() > MAX_ARRAY || node.toString().length() > 200) {
                out.put(prefix, "[" + node.size() + " values]");
            } else {
                out.put(prefix, node.toString());
            }
        } else if (node.isFloatingPointNumber()) {
            out.put(prefix, String.format(Locale.ROOT, "%.4f", node.doubleValue()));
        } else {
            out.put(prefix, node.asText());
        }
    }

    /** The page for {@code contents}, with links relative to {@code pageDir}. */
    public static String html(String title, Contents contents, Path pageDir) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset='utf-8'><title>").append(esc(title))
                .append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}"
                        + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}td.v{text-align:right;font-family:monospace}"
                        + ".grid{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0;max-width:420px}img{max-width:420px;image-rendering:pixelated}"
                        + "figcaption{font-size:small;color:#555;word-break:break-all}</style></head><body><h1>")
                .append(esc(title)).append("</h1>");
        b.append("<h2>Metrics</h2>");
        if (contents.metrics().isEmpty()) {
            b.append("<p>No results.json found.</p>");
        }
        contents.metrics().forEach((file, values) -> {
            b.append("<h3>").append(esc(rel(pageDir, file))).append("</h3><table><tr><th>metric</th><th>value</th></tr>");
            values.forEach((k, v) -> b.append("<tr><td>").append(esc(k)).append("</td><td class='v'>").append(esc(v)).append("</td></tr>"));
            b.append("</table>");
        });
        b.append("<h2>Images (").append(shown(contents.images().size(), contents.totalImages())).append(")</h2><div class='grid'>");
        for (Path p : contents.images()) {
            String r = rel(pageDir, p);
            b.append("<figure><a href='").append(esc(r)).append("'><img loading='lazy' src='").append(esc(r)).append("' alt=''></a><figcaption>")
                    .append(esc(r)).append("</figcaption></figure>");
        }
        b.append("</div><h2>Audio (").append(shown(contents.audio().size(), contents.totalAudio())).append(")</h2><div class='grid'>");
        for (Path p : contents.audio()) {
            String r = rel(pageDir, p);
            b.append("<figure><audio controls preload='none' src='").append(esc(r)).append("'></audio><figcaption>").append(esc(r))
                    .append("</figcaption></figure>");
        }
        return b.append("</div></body></html>").toString();
    }

    /** Scans {@code root} and writes the page to {@code page} atomically. */
    public static Contents write(Path root, Path page, int maxMedia) throws IOException {
        Contents c = scan(root, maxMedia);
        Path pageDir = page.toAbsolutePath().getParent();
        AtomicFiles.write(page, html("Report: " + root.toAbsolutePath().normalize().getFileName(), c, pageDir)
                .getBytes(StandardCharsets.UTF_8));
        return c;
    }

    private static String shown(int shown, int total) {
        return shown == total ? Integer.toString(total) : shown + " of " + total + ", taken in turn from each folder";
    }

    private static String rel(Path dir, Path file) {
        return dir.relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
