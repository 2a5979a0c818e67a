package org.synvae.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.ImageDataset;
import org.synvae.data.InvalidDataException;
import org.synvae.data.sets.Cifar10;
import org.synvae.data.sets.IdxImages;
import org.synvae.data.sets.ImageArrays;
import org.synvae.data.sets.ImageFolder;
import org.synvae.data.sets.Part;

/**
 * {@code synvae cls-data}: turns exported reconstructions ({@code vis-eval --export-data}:
 * {@code reconstructions.npy} [N, H, W, C] and {@code labels.npy}) into a data set the loaders
 * read: MNIST idx files, a CIFAR-10 binary batch, or an image folder. The written set is read back
 * with the matching loader and compared before the command reports success.
 */
final class ClsDataCommand implements Command {
    private static final List<String> FORMATS = List.of("mnist-idx", "cifar-bin", "folder");

    @Override
    public String name() {
        return "cls-data";
    }

    @Override
    public String summary() {
        return "write exported reconstructions as MNIST idx files, a CIFAR-10 binary batch or an image folder";
    }

    @Override
    public String usage() {
        return "(--export DIR | --images X.npy --labels Y.npy) --format " + String.join("|", FORMATS) + " --out DIR [options]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("export").hasArg().argName("DIR").desc("a vis-eval --export-data directory (reconstructions.npy, labels.npy)").build());
        o.addOption(Option.builder().longOpt("images").hasArg().argName("X.npy").desc("images [N, H, W, C], float in [0, 1] or uint8").build());
        o.addOption(Option.builder().longOpt("labels").hasArg().argName("Y.npy").desc("integer labels [N]").build());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("F").desc("output: " + String.join(" | ", FORMATS)).build());
        o.addOption(Option.builder().longOpt("part").hasArg().argName("P")
                .desc("train | test: file names of that part (train-*/t10k-*, data_batch_1.bin/test_batch.bin; default test)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("output directory (new or empty)").build());
        o.addOption(Option.builder().longOpt("class-names").hasArg().argName("A,B,...")
                .desc("folder names per label (folder format; default the label numbers)").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        String format = args.required("format").toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw new UsageException("--format must be one of " + String.join(", ", FORMATS) + ", got '" + format + "'");
        }
        Part part = switch (args.string("part", "test").toLowerCase(Locale.ROOT)) {
            case "train" -> Part.TRAIN;
            case "test" -> Part.TEST;
            default -> throw new UsageException("--part must be train or test");
        };
        Path images;
        Path labels;
        if (args.has("export")) {
            if (args.has("images") || args.has("labels")) {
                throw new UsageException("give --export or --images/--labels, not both");
            }
            Path dir = Path.of(args.required("export"));
            images = dir.resolve("reconstructions.npy");
            labels = dir.resolve("labels.npy");
        } else {
            images = Path.of(args.required("images"));
            labels = Path.of(args.required("labels"));
        }
        Path outDir = Path.of(args.required("out"));
        requireEmpty(outDir);
        ImageArrays arrays = ImageArrays.fromNpy(images, labels);
        ImageDataset back;
        try {
            back = switch (format) {
                case "mnist-idx" -> {
                    arrays.writeMnistIdx(outDir, part);
                    // Fashion-MNIST's reader keeps grey levels, so the check compares exact pixels
                    // (--task mnist binarises them when training, as it does the originals).
                    yield IdxImages.fashionMnist(outDir, part);
                }
                case "cifar-bin" -> {
                    arrays.writeCifarBinary(outDir, part);
                    yield Cifar10.load(outDir, part);
                }
                default -> {
                    arrays.writeFolder(outDir, classNames(args, arrays));
                    yield ImageFolder.load(outDir, arrays.shape());
                }
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(images + ": " + e.getMessage());
        }
        verify(arrays, back, format);
        out.printf(Locale.ROOT, "wrote %d images (%s) as %s to %s; read back: %d images, %d classes%n", arrays.size(), arrays.shape(),
                format, outDir, back.size(), back.classNames().size());
        return 0;
    }

    private static List<String> classNames(Args args, ImageArrays arrays) {
        int classes = Arrays.stream(arrays.labels()).max().orElse(0) + 1;
        if (!args.has("class-names")) {
            return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        }
        List<String> names = Arrays.stream(args.required("class-names").split(",")).map(String::trim).toList();
        if (names.size() < classes) {
            throw new UsageException("--class-names gives " + names.size() + " names for labels up to " + (classes - 1));
        }
        return names;
    }

    /** Labels, counts and (except for re-encoded folders) pixels must survive the round trip. */
    private static void verify(ImageArrays written, ImageDataset back, String format) {
        if (back.size() != written.size()) {
            throw new IllegalStateException("read back " + back.size() + " of " + written.size() + " images");
        }
        if (!format.equals("folder")) {
            if (!Arrays.equals(back.labels(), written.labels())) {
                throw new IllegalStateException("labels changed in the round trip");
            }
            byte[] pixels = written.pixels();
            int size = written.shape().size();
            float[] img = new float[size];
            for (int i = 0; i < written.size(); i++) {
                back.readImage(i, img, 0, null);
                for (int p = 0; p < size; p++) {
                    if (Math.round(img[p] * 255f) != (pixels[i * size + p] & 0xFF)) {
                        throw new IllegalStateException("pixel " + p + " of image " + i + " changed in the round trip");
                    }
                }
            }
        }
    }

    private static void requireEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new UsageException(dir + " is not empty; give a new or empty --out directory");
                }
            }
        } else if (Files.exists(dir)) {
            throw new UsageException(dir + " is not a directory");
        }
    }
}
