package org.synvae.music.model;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense row-major float32 matrix in native memory (an ND4J array, which owns and frees it) with
 * a float view for Java loops and {@code cblas_sgemm} on row ranges. The building block of the
 * hand-written forward and backward passes ({@link LstmTape}), whose cost at these sizes is the
 * products themselves, not ND4J's per-operation dispatch.
 */
final class NativeMatrix {
    /** Whether OpenBLAS can be called directly (the CPU backend): decided once per JVM. */
    static final boolean BLAS = blasAvailable();

    final int rows;
    final int cols;
    /** The array whose memory this is (a region of it: {@link #offset} elements in). */
    private final INDArray owner;
    private final long offset;
    private final FloatPointer pointer;
    private final FloatBuffer view;

    private NativeMatrix(INDArray owner, long offset, int rows, int cols) {
        this.owner = owner;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.pointer = new FloatPointer(owner.data().addressPointer());
        this.view = owner.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** A new matrix of zeros. */
    static NativeMatrix zeros(int rows, int cols) {
        return new NativeMatrix(Nd4j.create(DataType.FLOAT, rows, cols), 0, rows, cols);
    }

    /**
     * A rank-2 array, or a rank-1 one as a single row, as a matrix: in place (the same memory, so
     * later changes to the array are seen) when it is a dense float32 C-order array of its own,
     * else as a copy.
     */
    static NativeMatrix over(INDArray a) {
        if (a.rank() != 1 && a.rank() != 2) {
            throw new IllegalArgumentException("a matrix or vector is needed, got shape " + java.util.Arrays.toString(a.shape()));
        }
        int r = a.rank() == 1 ? 1 : Math.toIntExact(a.size(0));
        int c = Math.toIntExact(a.rank() == 1 ? a.length() : a.size(1));
        boolean dense = a.dataType() == DataType.FLOAT && !a.isView() && a.ordering() == 'c' && a.data().length() == a.length();
        if (dense) {
            return new NativeMatrix(a, 0, r, c);
        }
        INDArray fresh = Nd4j.create(DataType.FLOAT, r, c);
        fresh.assign(a.castTo(DataType.FLOAT).reshape(r, c));
        return new NativeMatrix(fresh, 0, r, c);
    }

    /** Rows {@code [from, to)} as a matrix over the same memory. */
    NativeMatrix rows(long from, long to) {
        if (from < 0 || to > rows || from > to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") of a matrix of " + rows);
        }
        return new NativeMatrix(owner, offset + from * cols, Math.toIntExact(to - from), cols);
    }

    /** Copies {@code count} rows from {@code row} into {@code dst[off..]}. */
    void getRows(int row, int count, float[] dst, int off) {
        view.get(index(row), dst, off, count * cols);
    }

    /** Writes {@code count} rows at {@code row} from {@code src[off..]}. */
    void putRows(int row, int count, float[] src, int off) {
        view.put(index(row), src, off, count * cols);
    }

    /** Every row as its own array. */
    float[][] toRows() {
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            view.get(index(r), out[r], 0, cols);
        }
        return out;
    }

    /** Sets every element to zero. */
    void clear() {
        if (offset == 0 && (long) rows * cols == owner.length()) {
            owner.assign(0);
        } else {
            putRows(0, rows, new float[Math.multiplyExact(rows, cols)], 0);
        }
    }

    /** Every element, row-major. */
    float[] toArray() {
        float[] out = new float[Math.multiplyExact(rows, cols)];
        view.get(index(0), out, 0, out.length);
        return out;
    }

    /**
     * {@code this[row .. row+m) (+)= a[aRow .. aRow+m) b}, or {@code b} transposed: the rows of
     * {@code a} and {@code this} in the range, all of {@code b}. Accumulates when {@code accumulate}, else overwrites.
     */
    void multiply(int row, NativeMatrix a, int aRow, int m, NativeMatrix b, boolean transposeB, boolean accumulate) {
        int k = a.cols;
        int n = transposeB ? b.rows : b.cols;
        if ((transposeB ? b.cols : b.rows) != k || cols != n || row + m > rows || aRow + m > a.rows) {
            throw new IllegalArgumentException("shapes do not multiply: [" + m + ", " + k + "] x " + b.shapeString(transposeB)
                    + " into [" + rows + ", " + cols + "] at row " + row);
        }
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                transposeB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, 1f, a.at(aRow), k, b.at(0), b.cols, accumulate ? 1f : 0f, at(row), n);
    }

    /**
     * {@code this (+)= a[aRow .. aRow+m)^T b[bRow .. bRow+m)}: the sum over those m rows of the
     * outer products of a's and b's rows, {@code [a.cols, b.cols]} (a weight gradient over all
     * steps and sequences in one product). Accumulates when {@code accumulate}, else overwrites.
     */
    void multiplyTransposed(NativeMatrix a, int aRow, NativeMatrix b, int bRow, int m, boolean accumulate) {
        if (rows != a.cols || cols != b.cols || aRow + m > a.rows || bRow + m > b.rows) {
            throw new IllegalArgumentException("shapes do not multiply: [" + m + ", " + a.cols + "]^T x [" + m + ", " + b.cols
                    + "] into [" + rows + ", " + cols + "]");
        }
        if (m == 0) {
            if (!accumulate) {
                clear();
            }
            return;
        }
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans, openblas_nolapack.CblasNoTrans,
                rows, cols, m, 1f, a.at(aRow), a.cols, b.at(bRow), b.cols, accumulate ? 1f : 0f, at(0), cols);
    }

    /** The column sums over all rows, [cols]. */
    float[] columnSums() {
        float[] sums = new float[cols];
        float[] row = new float[cols];
        for (int r = 0; r < rows; r++) {
            view.get(index(r), row, 0, cols);
            for (int c = 0; c < cols; c++) {
                sums[c] += row[c];
            }
        }
        return sums;
    }

    /** The ND4J array this matrix is, when it is a whole array of its own (as {@link #zeros} makes). */
    INDArray array() {
        if (offset != 0 || (long) rows * cols != owner.length()) {
            throw new IllegalStateException("a region of an array, not an array of its own");
        }
        return owner.rank() == 2 ? owner : owner.reshape(rows, cols);
    }

    private String shapeString(boolean transposed) {
        return transposed ? "[" + cols + ", " + rows + "]" : "[" + rows + ", " + cols + "]";
    }

    /** A pointer to the first element of {@code row}. */
    private FloatPointer at(int row) {
        return new FloatPointer(pointer).position(offset + (long) row * cols);
    }

    /** The buffer index of the first element of {@code row}. */
    private int index(int row) {
        return Math.toIntExact(offset + (long) row * cols);
    }

    private static boolean blasAvailable() {
        if (!Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu")) {
            return false;
        }
        try {
            // One tiny product checks that the library loads and computes.
            float[] out = {1f};
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasNoTrans,
                    1, 1, 1, 1f, new float[] {2f}, 1, new float[] {3f}, 1, 1f, out, 1);
            return out[0] == 7f;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
