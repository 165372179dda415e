import Foundation

/// The system's `cblas_dgemm`, found at run time, for the products of large factorizations.
///
/// Design: the library is opened with `dlopen` on first use instead of being linked, so nmfviz builds
/// and runs where no BLAS is installed and simply keeps its own kernels (`MatrixKernels`) there. On
/// Linux the candidates are OpenBLAS (`libopenblas.so.0`, Debian's `libopenblas0-pthread`; the one
/// `Scripts/setup` installs when it can) and then whatever reference-compatible `libcblas.so.3` or
/// `libblas.so.3` the system has; on macOS, Accelerate. Only the 32-bit-integer CBLAS interface is
/// used; a product whose sizes do not fit in `Int32` stays on the Swift kernels.
///
/// Set the environment variable `NMFVIZ_BLAS=0` to ignore any BLAS: every product then runs on the
/// Swift kernels, and results no longer depend on which BLAS a machine has. Any other value, or
/// none, lets nmfviz use a BLAS when it finds one. (The tests compare both paths directly through
/// `ProductEngine`; run them once more with `NMFVIZ_BLAS=0` to check a machine without BLAS.)
///
/// Why BLAS at all: the Swift kernels are limited to the baseline x86-64 target (SSE2: 2-wide, no FMA),
/// while OpenBLAS picks AVX2/FMA kernels for the CPU at run time. Measured on the 2-core machine,
/// load average about 1 (`nmfviz bench-solver` against `Scripts/bench-engine.py`, medians of four
/// interleaved rounds, ms per iteration including the loss): random 2000×1000 data with k = 20,
/// MU 2.53 through OpenBLAS 0.3.21, 4.61 on the Swift kernels, 3.70 for scikit-learn; digits
/// (1797×64, k = 16), MU 0.255, 0.399 and 0.278.
struct CBLAS: @unchecked Sendable {
    // `cblas_dgemm(order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc)`.
    typealias DGEMM = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Double,
        UnsafePointer<Double>?, Int32, UnsafePointer<Double>?, Int32, Double,
        UnsafeMutablePointer<Double>?, Int32) -> Void

    // The CBLAS enumeration values, fixed by the CBLAS standard (cblas.h).
    static let rowMajor: Int32 = 101
    static let noTranspose: Int32 = 111
    static let transpose: Int32 = 112

    /// The environment variable that turns BLAS off when set to `0`.
    static let environmentSwitch = "NMFVIZ_BLAS"

    /// The shared library the function came from (for reports such as `nmfviz bench-solver`).
    let libraryName: String
    private let dgemm: DGEMM

    /// The system BLAS, loaded once; `nil` when `NMFVIZ_BLAS=0` or when no library provides `cblas_dgemm`.
    static let shared: CBLAS? = {
        guard isAllowed(by: ProcessInfo.processInfo.environment) else { return nil }
        return load(candidates: candidateLibraries)
    }()

    /// False when the environment sets `NMFVIZ_BLAS=0` (surrounding spaces ignored).
    static func isAllowed(by environment: [String: String]) -> Bool {
        environment[environmentSwitch]?.trimmingCharacters(in: .whitespaces) != "0"
    }

    #if os(macOS)
    static let candidateLibraries = ["/System/Library/Frameworks/Accelerate.framework/Accelerate"]
    #else
    static let candidateLibraries = ["libopenblas.so.0", "libopenblas.so", "libcblas.so.3", "libblas.so.3"]
    #endif

    /// The first of `candidates` that opens and exports `cblas_dgemm`, or `nil`.
    ///
    /// A library that opens but lacks the symbol (a Fortran-only libblas) is closed again.
    static func load(candidates: [String]) -> CBLAS? {
        // OpenBLAS reads both variables once, when it is loaded; both are put back right after.
        withEnvironment("OPENBLAS_NUM_THREADS", setTo: "1", overriding: true) {
            withEnvironment("OPENBLAS_CORETYPE", setTo: openBLASCoreType(cpuFlags: cpuFlags()), overriding: false) {
                firstLoadable(candidates)
            }
        }
    }

    /// The OpenBLAS kernel family for a CPU with these `/proc/cpuinfo` flags, or nil to let OpenBLAS
    /// choose: `SkylakeX` with AVX-512 (F, CD, BW, DQ, VL), `Haswell` with AVX2 and FMA.
    ///
    /// Why: OpenBLAS picks its kernels by CPU model, and a model newer than the library falls back to
    /// its slowest x86-64 family. Debian's OpenBLAS 0.3.21 on an AVX-512 Xeon that reports no model
    /// name ("Intel(R) Xeon(R) Processor") chose `Prescott` (SSE3): MU on random 2000×1000 data at
    /// k = 20 took 9.5 ms per iteration, against 3.1 ms with `SkylakeX` (`nmfviz bench-solver`, minima
    /// of 5, 2026-12-02). Linux lists a feature only when the kernel saves its registers, so a flag
    /// seen here is one the CPU may use. For the CPUs OpenBLAS does know, these are the families whose
    /// double-precision kernels it would use anyway (Cooper Lake and Sapphire Rapids use SkylakeX's,
    /// Zen uses Haswell's). A value the user set in the environment is left alone.
    static func openBLASCoreType(cpuFlags: Set<Substring>) -> String? {
        #if arch(x86_64)
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(cpuFlags.contains) {
            return "SkylakeX"
        }
        if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { return "Haswell" }
        #endif
        return nil
    }

    /// The first processor's flags in `/proc/cpuinfo`; empty where there is no such file.
    static func cpuFlags(cpuinfo path: String = "/proc/cpuinfo") -> Set<Substring> {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " "))
    }

    /// Runs `body` with `variable` set to `value`, then puts back what the environment had, so nothing
    /// else sees the change. Without `overriding`, a value already set is kept (the user's choice); a
    /// nil `value` changes nothing.
    ///
    /// Used for two variables OpenBLAS reads when it is loaded:
    /// - `OPENBLAS_NUM_THREADS=1`, always. Told later to use one thread, the workers it starts per
    ///   further core stay and poll with `sched_yield` (measured: about a fifth of a core, all the
    ///   time, with OpenBLAS 0.3.21); loaded with 1, it starts none.
    /// - `OPENBLAS_CORETYPE`, unless the user set it (`openBLASCoreType(cpuFlags:)`).
    static func withEnvironment<T>(_ variable: String, setTo value: String?, overriding: Bool, _ body: () -> T) -> T {
        let previous = getenv(variable).map { String(cString: $0) }
        guard let value, overriding || previous == nil else { return body() }
        setenv(variable, value, 1)
        defer {
            if let previous { setenv(variable, previous, 1) } else { unsetenv(variable) }
        }
        return body()
    }

    private static func firstLoadable(_ candidates: [String]) -> CBLAS? {
        for name in candidates {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            if let symbol = dlsym(handle, "cblas_dgemm") {
                // One BLAS thread per call: the engine splits large products over cores itself (see
                // `ProductEngine`), so BLAS threads would only spin against Dispatch's on every call.
                if let setThreads = dlsym(handle, "openblas_set_num_threads") {
                    unsafeBitCast(setThreads, to: (@convention(c) (Int32) -> Void).self)(1)
                }
                return CBLAS(libraryName: name, dgemm: unsafeBitCast(symbol, to: DGEMM.self))
            }
            dlclose(handle)
        }
        return nil
    }

    /// True when every size fits the 32-bit CBLAS interface.
    static func fits(_ sizes: Int...) -> Bool {
        sizes.allSatisfy { $0 >= 1 && $0 <= Int(Int32.max) }
    }

    /// `C (M×N) = op(A) · op(B)` on row-major buffers; sizes and leading dimensions must already be
    /// checked with `fits`.
    private func gemm(transposeA: Bool, transposeB: Bool, _ m: Int, _ n: Int, _ k: Int,
                      _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
                      _ c: UnsafeMutablePointer<Double>, ldc: Int) {
        dgemm(CBLAS.rowMajor, transposeA ? CBLAS.transpose : CBLAS.noTranspose,
              transposeB ? CBLAS.transpose : CBLAS.noTranspose,
              Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }

    /// `out (m×n) = A (m×k) · B (k×n)`; preconditions as `MatrixKernels.times`, plus `fits(m, k, n)`.
    func times(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, m: Int, k: Int, n: Int,
                  into out: UnsafeMutablePointer<Double>) {
        gemm(transposeA: false, transposeB: false, m, n, k, a, lda: k, b, ldb: n, out, ldc: n)
    }

    /// `out (m×k) = A (m×n) · Bᵀ` for B (k×n); preconditions as `MatrixKernels.timesTransposed`.
    func timesTransposed(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, m: Int, n: Int, k: Int,
                            into out: UnsafeMutablePointer<Double>) {
        gemm(transposeA: false, transposeB: true, m, k, n, a, lda: n, b, ldb: n, out, ldc: k)
    }

    /// `out (k×n) = Aᵀ · B` for A (m×k), B (m×n) whose rows are `ldb` apart and an output whose rows
    /// are `ldc` apart (both ≥ n: a block of columns of wider matrices); otherwise preconditions as
    /// `MatrixKernels.transposeTimes`.
    func transposeTimes(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, m: Int, k: Int, n: Int,
                                ldb: Int, into out: UnsafeMutablePointer<Double>, ldc: Int) {
        gemm(transposeA: true, transposeB: false, k, n, m, a, lda: k, b, ldb: ldb, out, ldc: ldc)
    }
}
