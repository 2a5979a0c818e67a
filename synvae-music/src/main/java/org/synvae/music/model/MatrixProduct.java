package org.synvae.music.model;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code c += a b} for fixed float32 matrices, repeated every decoding step. On the CPU backend it
 * calls OpenBLAS's {@code cblas_sgemm} on the arrays' memory directly: ND4J's dispatch of a
 * {@code gemm} op costs about as much as a tenth of the product itself at decode_small's shapes
 * ([64, 256] x [256, 1024]). Elsewhere (the CUDA backend, whose arrays live on the device) it is
 * {@link Nd4j#gemm}.
 */
final class MatrixProduct {
    private static final boolean DIRECT = NativeMatrix.BLAS;

    private final INDArray a;
    private final INDArray b;
    private final INDArray c;
    private final int m;
    private final int n;
    private final int k;
    private final FloatPointer pa;
    private final FloatPointer pb;
    private final FloatPointer pc;

    /**
     * @param a [m, k], C order (a view of rows of a C-order matrix is fine)
     * @param b [k, n], likewise
     * @param c [m, n], likewise; accumulated into
     */
    MatrixProduct(INDArray a, INDArray b, INDArray c) {
        for (INDArray x : new INDArray[] {a, b, c}) {
            boolean rowMajor = (x.size(1) == 1 || x.stride(1) == 1) && (x.size(0) == 1 || x.stride(0) == x.size(1));
            if (x.dataType() != DataType.FLOAT || x.rank() != 2 || !rowMajor) {
                throw new IllegalArgumentException("a dense C-order float32 matrix is needed");
            }
        }
        if (a.size(1) != b.size(0) || a.size(0) != c.size(0) || b.size(1) != c.size(1)) {
            throw new IllegalArgumentException("shapes do not multiply: " + a.shapeInfoToString() + " x " + b.shapeInfoToString());
        }
        this.a = a;
        this.b = b;
        this.c = c;
        m = Math.toIntExact(a.size(0));
        k = Math.toIntExact(a.size(1));
        n = Math.toIntExact(b.size(1));
        pa = DIRECT ? pointer(a) : null;
        pb = DIRECT ? pointer(b) : null;
        pc = DIRECT ? pointer(c) : null;
    }

    /** {@code c += a b} with the matrices' current contents. */
    void accumulate() {
        if (DIRECT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasNoTrans,
                    m, n, k, 1f, pa, k, pb, n, 1f, pc, n);
        } else {
            Nd4j.gemm(a, b, c, false, false, 1.0, 1.0);
        }
    }

    /** The address of x's first element (a view's buffer pointer already includes its offset). */
    private static FloatPointer pointer(INDArray x) {
        return new FloatPointer(x.data().addressPointer());
    }
}
