package org.synvae.cli;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.synvae.data.ImageShape;
import org.synvae.data.InvalidDataException;
import org.synvae.data.image.Images;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.NpyDType;
import org.synvae.eval.tsne.Tsne;
import org.synvae.eval.tsne.TsnePlot;

/** {@code synvae tsne}: a seeded 2-D t-SNE map of exported latents, as PNG and .npy (the seed's tsne_analysis). */
final class TsneCommand implements Command {
    private static final Logger LOG = LogManager.getLogger(TsneCommand.class);

    @Override
    public String name() {
        return "tsne";
    }

    @Override
    public String summary() {
        return "2-D t-SNE map of latents (PNG coloured by class or with thumbnails, and .npy coordinates)";
    }

    @Override
    public String usage() {
        return "--latents Z.npy --labels L.npy --out DIR [--images X.npy] [--highlight I,J | --highlight-classes C,D] [--perplexity 30 "
                + "--iterations 1000 --seed S --max-points 2000]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("latents").hasArg().argName("Z.npy").desc("latents float [N, D]").build());
        o.addOption(Option.builder().longOpt("labels").hasArg().argName("L.npy").desc("integer class labels [N]").build());
        o.addOption(Option.builder().longOpt("images").hasArg().argName("X.npy")
                .desc("images [N, H, W, C] (float in [0, 1] or uint8) drawn as thumbnails").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("writes tsne.png, tsne.npy [M, 2], tsne_indices.npy [M]").build());
        o.addOption(Option.builder().longOpt("class-names").hasArg().argName("A,B,...").desc("names of labels 0, 1, ... (default: the numbers)").build());
        o.addOption(Option.builder().longOpt("highlight").hasArg().argName("I,J").desc("row indices to emphasise").build());
        o.addOption(Option.builder().longOpt("highlight-classes").hasArg().argName("C,D").desc("labels whose points to emphasise").build());
        o.addOption(Option.builder().longOpt("perplexity").hasArg().argName("P").desc("perplexity (default 30)").build());
        o.addOption(Option.builder().longOpt("iterations").hasArg().argName("N").desc("gradient steps (default 1000)").build());
        o.addOption(Option.builder().longOpt("learning-rate").hasArg().argName("R").desc("step size (default: auto, max(N/48, 50))").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of the subsample and the initial map (default 42)").build());
        o.addOption(Option.builder().longOpt("max-points").hasArg().argName("M")
                .desc("embed at most M rows, a seeded random subset plus the highlighted rows (default 2000; exact t-SNE is quadratic)").build());
        o.addOption(Option.builder().longOpt("size").hasArg().argName("PX").desc("PNG width and height (default 1000)").build());
        o.addOption(Option.builder().longOpt("thumbnail").hasArg().argName("PX").desc("thumbnail edge (default 20)").build());
        o.addOption(Option.builder().longOpt("title").hasArg().argName("T").desc("title on the plot").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        Path latentsFile = Path.of(args.required("latents"));
        Path labelsFile = Path.of(args.required("labels"));
        // Checked before the embedding, which can take minutes.
        Path outDir = OutputTargets.directory(Path.of(args.required("out")));
        long seed = args.longValue("seed", 42);
        NpyArray z = Npy.read(latentsFile);
        if (z.ndim() != 2 || !z.dtype().isFloatingPoint()) {
            throw InvalidDataException.of(latentsFile, "latents must be float [N, D], found " + z.dtype() + " " + Arrays.toString(z.shape()));
        }
        // NaN latents would give a map of NaN coordinates (an empty plot) with exit code 0.
        MusicModelOptions.requireFinite(latentsFile, z, "row", "column");
        int n = (int) z.shape(0);
        int dim = (int) z.shape(1);
        NpyArray l = Npy.read(labelsFile);
        if (l.ndim() != 1 || l.shape(0) != n || l.dtype().isFloatingPoint()) {
            throw InvalidDataException.of(labelsFile, "labels must be integer [" + n + "], found " + l.dtype() + " " + Arrays.toString(l.shape()));
        }
        int[] labels = l.toIntArray();
        if (Arrays.stream(labels).anyMatch(v -> v < 0)) {
            throw InvalidDataException.of(labelsFile, "labels must not be negative");
        }
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        List<String> names = classNames(args, classes);
        boolean[] highlight = highlight(args, labels);

        int[] rows = subsample(n, args.positive("max-points", 2000), highlight, seed);
        int m = rows.length;
        float[] all = z.toFloatArray();
        float[] x = new float[m * dim];
        int[] subLabels = new int[m];
        boolean[] subHighlight = new boolean[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(all, rows[i] * dim, x, i * dim, dim);
            subLabels[i] = labels[rows[i]];
            subHighlight[i] = highlight[rows[i]];
        }
        BufferedImage[] thumbs = args.has("images") ? thumbnails(args.path("images"), n, rows) : null;

        Tsne.Config config;
        double[][] y;
        try {
            config = new Tsne.Config(args.number("perplexity", 30), args.positive("iterations", 1000), args.number("learning-rate", 0),
                    12, Math.min(250, args.positive("iterations", 1000) / 4), seed);
            long t0 = System.nanoTime();
            y = Tsne.embed(x, m, dim, config);
            LOG.info("t-SNE of {} points in {} s", m, String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Files.createDirectories(outDir);
        float[] flat = new float[m * 2];
        for (int i = 0; i < m; i++) {
            flat[2 * i] = (float) y[i][0];
            flat[2 * i + 1] = (float) y[i][1];
        }
        Npy.write(outDir.resolve("tsne.npy"), NpyArray.ofFloats(flat, m, 2));
        Npy.write(outDir.resolve("tsne_indices.npy"), NpyArray.ofInts(rows, m));
        Path png = outDir.resolve("tsne.png");
        TsnePlot.write(png, y, subLabels, names, thumbs, subHighlight,
                new TsnePlot.Style(args.positive("size", 1000), args.positive("thumbnail", 20), args.string("title", "")));
        out.printf(Locale.ROOT, "t-SNE of %d of %d points (perplexity %.1f, %d iterations, seed %d)%n", m, n, config.perplexity(),
                config.iterations(), seed);
        out.println("wrote " + png + ", " + outDir.resolve("tsne.npy") + ", " + outDir.resolve("tsne_indices.npy"));
        return 0;
    }

    private static List<String> classNames(Args args, int classes) {
        if (!args.has("class-names")) {
            List<String> names = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                names.add(Integer.toString(c));
            }
            return names;
        }
        List<String> names = Arrays.stream(args.string("class-names", "").split(",")).map(String::trim).toList();
        if (names.size() < classes) {
            throw new UsageException("--class-names names " + names.size() + " classes, the labels have " + classes);
        }
        return names;
    }

    private static boolean[] highlight(Args args, int[] labels) {
        boolean[] h = new boolean[labels.length];
        for (int i : args.integers("highlight", new int[0])) {
            if (i < 0 || i >= labels.length) {
                throw new UsageException("--highlight index " + i + " is outside 0.." + (labels.length - 1));
            }
            h[i] = true;
        }
        int[] cs = args.integers("highlight-classes", new int[0]);
        for (int i = 0; i < labels.length; i++) {
            for (int c : cs) {
                if (labels[i] == c) {
                    h[i] = true;
                }
            }
        }
        return h;
    }

    /** All rows if they fit; else the highlighted rows plus a seeded random choice of the others, ascending. */
    static int[] subsample(int n, int max, boolean[] keep, long seed) {
        if (n <= max) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        TreeSet<Integer> chosen = new TreeSet<>();
        for (int i = 0; i < n && chosen.size() < max; i++) {
            if (keep[i]) {
                chosen.add(i);
            }
        }
        int[] perm = java.util.stream.IntStream.range(0, n).toArray();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        for (int i = 0; i < n && chosen.size() < max; i++) {
            chosen.add(perm[i]);
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private static BufferedImage[] thumbnails(Path file, int n, int[] rows) throws java.io.IOException {
        NpyArray a = Npy.read(file);
        if (a.ndim() != 4 || a.shape(0) != n || (a.shape(3) != 1 && a.shape(3) != 3)
                || !(a.dtype().isFloatingPoint() || a.dtype() == NpyDType.UINT8)) {
            throw InvalidDataException.of(file, "images must be float or uint8 [" + n + ", H, W, 1|3], found " + a.dtype() + " "
                    + Arrays.toString(a.shape()));
        }
        ImageShape shape = new ImageShape((int) a.shape(1), (int) a.shape(2), (int) a.shape(3));
        float[] pixels;
        if (a.dtype().isFloatingPoint()) {
            pixels = a.toFloatArray();
        } else {
            int[] bytes = a.toIntArray();
            pixels = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pixels[i] = (bytes[i] & 0xFF) / 255f;
            }
        }
        BufferedImage[] out = new BufferedImage[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Images.fromFloats(pixels, rows[i] * shape.size(), shape);
        }
        return out;
    }
}
