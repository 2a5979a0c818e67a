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
    private final INDArray array;
    private final FloatPointer pointer;
    private final FloatBuffer view;

    private NativeMatrix(INDArray array) {
        this.array = array;
        this.rows = Math.toIntExact(array.size(0));
        this.cols = Math.toIntExact(array.size(1));
        this.pointer = new FloatPointer(array.data().addressPointer());
        this.view = array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** A new matrix of zeros. */
    static NativeMatrix zeros(int rows, int cols) {
        return new NativeMatrix(Nd4j.create(DataType.FLOAT, rows, cols));
    }

    /** A copy of a rank-2 array (any order or type) as a dense float32 matrix. */
    static NativeMatrix copyOf(INDArray a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException("a matrix is needed, got shape " + java.util.Arrays.toString(a.shape()));
        }
        INDArray fresh = Nd4j.create(DataType.FLOAT, a.size(0), a.size(1));
        fresh.assign(a.castTo(DataType.FLOAT));
        return new NativeMatrix(fresh);
    }

    /** Rows {@code [from, to)} of {@code a} as a new dense matrix. */
    static NativeMatrix rowsOf(INDArray a, long from, long to) {
        return copyOf(a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all()));
    }

    /** Copies {@code count} rows from {@code row} into {@code dst[off..]}. */
    void getRows(int row, int count, float[] dst, int off) {
        view.get(row * cols, dst, off, count * cols);
    }

    /** Writes {@code count} rows at {@code row} from {@code src[off..]}. */
    void putRows(int row, int count, float[] src, int off) {
        view.put(row * cols, src, off, count * cols);
    }

    /** Every row as its own array. */
    float[][] toRows() {
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            view.get(r * cols, out[r], 0, cols);
        }
        return out;
    }

    /** Sets every element to zero. */
    void clear() {
        array.assign(0);
    }

    /** Every element, row-major. */
    float[] toArray() {
        float[] out = new float[rows * cols];
        view.get(0, out, 0, out.length);
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
                m, n, k, 1f, a.at(aRow), k, b.pointer, b.cols, accumulate ? 1f : 0f, at(row), n);
    }

    private String shapeString(boolean transposed) {
        return transposed ? "[" + cols + ", " + rows + "]" : "[" + rows + ", " + cols + "]";
    }

    /** A pointer to the first element of {@code row}. */
    private FloatPointer at(int row) {
        return new FloatPointer(pointer).position((long) row * cols);
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
