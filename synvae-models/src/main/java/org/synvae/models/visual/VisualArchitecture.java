package org.synvae.models.visual;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.synvae.models.graph.ConvSpec;

/**
 * The shape of a visual VAE as data: input size, the encoder's convolutions, and the decoder's
 * starting grid and transposed convolutions. The three architectures of the SynVAE seed are
 * registered as {@link #MNIST}, {@link #CIFAR} and {@link #BAM}.
 *
 * @param name            registry name
 * @param height          input height in pixels
 * @param width           input width in pixels
 * @param channels        input channels (1 grey, 3 RGB)
 * @param defaultLatent   the seed's latent size for this architecture
 * @param encoder         convolutions from the image to the flattened features (ReLU after each)
 * @param decoderGrid     {height, width, channels} the latent is projected to (dense + ReLU)
 * @param decoder         transposed convolutions after the grid (ReLU after each)
 * @param output          the last transposed convolution to the image channels (sigmoid)
 */
public record VisualArchitecture(String name, int height, int width, int channels, int defaultLatent,
                                 List<ConvSpec> encoder, int[] decoderGrid, List<ConvSpec> decoder,
                                 ConvSpec output) {

    /** MNIST, 28x28x1, latent 50: two valid-padded stride-2 convolutions (as TF's CVAE tutorial). */
    public static final VisualArchitecture MNIST = new VisualArchitecture("mnist", 28, 28, 1, 50,
            List.of(new ConvSpec(32, 3, 2, false), new ConvSpec(64, 3, 2, false)),
            new int[] {7, 7, 32},
            List.of(ConvSpec.down(64), ConvSpec.down(32)),
            new ConvSpec(1, 3, 1, true));

    /** CIFAR-10, 32x32x3, latent 512. The seed's unused 4096x4096 dense layer is left out. */
    public static final VisualArchitecture CIFAR = new VisualArchitecture("cifar", 32, 32, 3, 512,
            List.of(ConvSpec.down(64), ConvSpec.down(128), ConvSpec.down(256)),
            new int[] {4, 4, 256},
            List.of(ConvSpec.down(256), ConvSpec.down(128), ConvSpec.down(64)),
            new ConvSpec(3, 1, 1, true));

    /** BAM paintings, 64x64x3, latent 512: six stride-2 convolutions down to 1x1x256. */
    public static final VisualArchitecture BAM = new VisualArchitecture("bam", 64, 64, 3, 512,
            List.of(ConvSpec.down(64), ConvSpec.down(64), ConvSpec.down(128), ConvSpec.down(128),
                    ConvSpec.down(256), ConvSpec.down(256)),
            new int[] {1, 1, 256},
            List.of(ConvSpec.down(256), ConvSpec.down(256), ConvSpec.down(128), ConvSpec.down(128),
                    ConvSpec.down(64), ConvSpec.down(64)),
            new ConvSpec(3, 1, 1, true));

    private static final Map<String, VisualArchitecture> REGISTRY = registry();

    public VisualArchitecture {
        encoder = List.copyOf(encoder);
        decoder = List.copyOf(decoder);
        decoderGrid = decoderGrid.clone();
        if (decoderGrid.length != 3) {
            throw new IllegalArgumentException("decoderGrid must be {height, width, channels}");
        }
        int h = decoderGrid[0];
        int w = decoderGrid[1];
        for (ConvSpec c : decoder) {
            h = c.deconvOutput(h);
            w = c.deconvOutput(w);
        }
        h = output.deconvOutput(h);
        w = output.deconvOutput(w);
        if (h != height || w != width || output.filters() != channels) {
            throw new IllegalArgumentException(name + ": decoder produces " + h + "x" + w + "x"
                    + output.filters() + ", not the input's " + height + "x" + width + "x" + channels);
        }
    }

    @Override
    public int[] decoderGrid() {
        return decoderGrid.clone();
    }

    /** Number of features the encoder's last convolution yields, flattened. */
    public long encoderFeatures() {
        int h = height;
        int w = width;
        for (ConvSpec c : encoder) {
            h = c.convOutput(h);
            w = c.convOutput(w);
        }
        return (long) h * w * encoder.get(encoder.size() - 1).filters();
    }

    /** Pixels times channels of one image. */
    public int imageSize() {
        return height * width * channels;
    }

    /** The registered architecture with this name (case-insensitive). */
    public static VisualArchitecture byName(String name) {
        VisualArchitecture a = REGISTRY.get(name.toLowerCase(Locale.ROOT));
        if (a == null) {
            throw new IllegalArgumentException("unknown visual architecture '" + name + "'; known: " + REGISTRY.keySet());
        }
        return a;
    }

    /** Names of the registered architectures. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    private static Map<String, VisualArchitecture> registry() {
        Map<String, VisualArchitecture> m = new TreeMap<>();
        for (VisualArchitecture a : List.of(MNIST, CIFAR, BAM)) {
            m.put(a.name(), a);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VisualArchitecture a && a.name.equals(name) && a.height == height && a.width == width
                && a.channels == channels && a.defaultLatent == defaultLatent && a.encoder.equals(encoder)
                && java.util.Arrays.equals(a.decoderGrid, decoderGrid) && a.decoder.equals(decoder)
                && a.output.equals(output);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(decoderGrid);
    }

    @Override
    public String toString() {
        return name + " (" + height + "x" + width + "x" + channels + ")";
    }
}
