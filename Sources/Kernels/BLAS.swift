import CBLAS

/// Process-wide BLAS settings. OpenBLAS threads spin and collapse when both cores are
/// busy, so the project runs it single-threaded and parallelises above it.
public enum BLAS {
    /// Call once from `main` (or a benchmark) before any matrix work.
    public static func useSingleThread() {
        openblas_set_num_threads(1)
    }
}
