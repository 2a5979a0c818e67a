package org.synvae.data.sets;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.NpyDType;

/**
 * Paired visual and auditive latent vectors, row {@code i} of one belonging to row {@code i} of the
 * other, as MINE estimates their mutual information from. The two sides may have different
 * dimensions. Immutable: accessors return copies.
 */
public final class LatentPairs {
    private final float[] visual;
    private final float[] auditive;
    private final int count;
    private final int visualDim;
    private final int auditiveDim;

    /**
     * @param visual      row-major {@code [count, visualDim]}; copied
     * @param auditive    row-major {@code [count, auditiveDim]}; copied
     * @throws IllegalArgumentException if a dimension is not positive, the lengths do not hold whole
     *                                  rows, the row counts differ or there are no rows
     */
    public LatentPairs(float[] visual, int visualDim, float[] auditive, int auditiveDim) {
        this(visual.clone(), visualDim, auditive.clone(), auditiveDim, true);
    }

    /** Takes ownership of the arrays: for the factories here, which have just allocated them. */
    private LatentPairs(float[] visual, int visualDim, float[] auditive, int auditiveDim, boolean owned) {
        if (visualDim < 1 || auditiveDim < 1) {
            throw new IllegalArgumentException("latent dimensions must be positive, got " + visualDim + " and " + auditiveDim);
        }
        if (visual.length % visualDim != 0 || auditive.length % auditiveDim != 0) {
            throw new IllegalArgumentException("latent arrays of " + visual.length + " and " + auditive.length
                    + " floats do not hold whole rows of " + visualDim + " and " + auditiveDim);
        }
        int n = visual.length / visualDim;
        if (n != auditive.length / auditiveDim || n == 0) {
            throw new IllegalArgumentException(n + " visual and " + auditive.length / auditiveDim
                    + " auditive latents: need the same, non-zero count");
        }
        this.visual = visual;
        this.auditive = auditive;
        this.count = n;
        this.visualDim = visualDim;
        this.auditiveDim = auditiveDim;
    }

    /**
     * Reads two {@code .npy} files of float32 or float64 [N, D] latents (as the seed's
     * {@code --export_latents} writes them); N must match and be at least 2 (MINE pairs each
     * visual vector with another row's auditive vector).
     *
     * @throws InvalidDataException naming the file (or both files, when the counts differ)
     */
    public static LatentPairs load(Path visualNpy, Path auditiveNpy) {
        NpyArray v = read(visualNpy);
        NpyArray a = read(auditiveNpy);
        if (v.shape(0) != a.shape(0)) {
            throw new InvalidDataException(visualNpy + " has " + v.shape(0) + " latents but " + auditiveNpy
                    + " has " + a.shape(0) + ": the rows must pair up");
        }
        return new LatentPairs(v.toFloatArray(), (int) v.shape(1), a.toFloatArray(), (int) a.shape(1), true);
    }

    private static NpyArray read(Path file) {
        NpyArray array;
        try {
            array = Npy.read(file);
        } catch (NoSuchFileException e) {
            throw InvalidDataException.of(file, "no such file", e);
        } catch (IOException e) {
            throw InvalidDataException.of(file, "cannot read (" + e.getMessage() + ")", e);
        }
        if (array.dtype() != NpyDType.FLOAT32 && array.dtype() != NpyDType.FLOAT64) {
            throw InvalidDataException.of(file, "latents have dtype " + array.dtype() + ", expected float32 or float64");
        }
        if (array.ndim() != 2 || array.shape(1) < 1) {
            throw InvalidDataException.of(file, "latents have shape " + Arrays.toString(array.shape()) + ", expected [N, D]");
        }
        if (array.shape(0) < 2) {
            throw InvalidDataException.of(file, array.shape(0) + " latents; MINE needs at least 2");
        }
        for (long i = 0; i < array.size(); i++) {
            if (!Float.isFinite(array.getFloat(i))) {
                throw InvalidDataException.of(file, "value " + array.getFloat(i) + " in row " + i / array.shape(1)
                        + " is not finite");
            }
        }
        return array;
    }

    /** Number of pairs. */
    public int count() {
        return count;
    }

    /** Dimension of a visual latent. */
    public int visualDim() {
        return visualDim;
    }

    /** Dimension of an auditive latent. */
    public int auditiveDim() {
        return auditiveDim;
    }

    /** All visual latents, row-major {@code [count, visualDim]}; a copy. */
    public float[] visual() {
        return visual.clone();
    }

    /** All auditive latents, row-major {@code [count, auditiveDim]}; a copy. */
    public float[] auditive() {
        return auditive.clone();
    }

    /** Visual latent {@code i}; a copy. */
    public float[] visualRow(int i) {
        return Arrays.copyOfRange(visual, checkRow(i) * visualDim, (i + 1) * visualDim);
    }

    /** Auditive latent {@code i}; a copy. */
    public float[] auditiveRow(int i) {
        return Arrays.copyOfRange(auditive, checkRow(i) * auditiveDim, (i + 1) * auditiveDim);
    }

    /**
     * The pairs at {@code indices}, in that order, e.g. one side of a
     * {@link org.synvae.data.Split#ofFraction} over {@link #count()}.
     *
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, count())}
     * @throws IllegalArgumentException if {@code indices} is empty
     */
    public LatentPairs subset(int[] indices) {
        float[] v = new float[indices.length * visualDim];
        float[] a = new float[indices.length * auditiveDim];
        for (int k = 0; k < indices.length; k++) {
            int i = checkRow(indices[k]);
            System.arraycopy(visual, i * visualDim, v, k * visualDim, visualDim);
            System.arraycopy(auditive, i * auditiveDim, a, k * auditiveDim, auditiveDim);
        }
        return new LatentPairs(v, visualDim, a, auditiveDim, true);
    }

    private int checkRow(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("latent " + i + " outside 0.." + (count - 1));
        }
        return i;
    }
}
