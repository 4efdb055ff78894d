import Foundation
import Kernels

/// `bench-lstm --kernels`: the per-step products and the cell of the reference design,
/// one thread, timed in thread CPU seconds (so other jobs on the machine do not count):
/// OpenBLAS against `PackedGEMM` (both builds), and the cell kernels of both builds.
/// GFLOP/s counts 2·m·n·k per product.
func runKernelThroughput() {
    func best(_ repeats: Int, _ body: () -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<5 {
            let start = threadCPUSeconds()
            for _ in 0..<repeats { body() }
            times.append((threadCPUSeconds() - start) / Double(repeats))
        }
        return times.min() ?? .nan
    }
    var rng = SplitMix64(seed: 3)
    func buffer(_ n: Int) -> FloatBuffer { FloatBuffer((0..<n).map { _ in Float(rng.nextGaussian()) * 0.1 }) }
    let sets = InstructionSet.allCases.filter(\.isSupported)
    print("kernels, one thread, best of 5 (thread CPU time); instruction set detected: \(InstructionSet.detected.rawValue)")
    for (m, k, n, name) in [(32, 128, 512, "h·W_hhᵀ [32×128]·[128×512]"), (32, 512, 128, "da·W_hh [32×512]·[512×128]"),
                            (1, 128, 512, "one window [1×128]·[128×512]"), (500, 128, 512, "chunk [500×128]·[128×512]"),
                            (512, 256, 512, "X·W_ihᵀ [512×256]·[256×512]"), (512, 512, 256, "da·W_ih [512×512]·[512×256]"),
                            (1000, 256, 512, "X·W_ihᵀ [1000×256]·[256×512]")] {
        let a = buffer(m * k), w = buffer(n * k), c = buffer(m * n)
        let packed = FloatBuffer(count: PackedGEMM.packedCount(k: k, n: n))
        PackedGEMM.pack(w.pointer, ldb: k, k: k, n: n, transposed: true, into: packed.pointer)
        let flops = 2.0 * Double(m * n * k)
        let reps = max(3, Int(2e8 / flops))
        let blas = best(reps) {
            if m == 1 {
                GEMM.multiplyVector(.none, rows: n, cols: k, a: w.pointer, lda: k, x: a.pointer, beta: 1, y: c.pointer)
            } else {
                GEMM.multiply(.none, .transposed, m: m, n: n, k: k, a: a.pointer, lda: k, b: w.pointer, ldb: k,
                              beta: 1, c: c.pointer, ldc: n)
            }
        }
        var line = "\(name.padding(toLength: 32, withPad: " ", startingAt: 0)) OpenBLAS \(String(format: "%7.1f µs %5.1f GFLOP/s", blas * 1e6, flops / blas * 1e-9))"
        for set in sets {
            let own = best(reps) {
                PackedGEMM.multiply(m: m, n: n, k: k, a: a.pointer, lda: k, packed: packed.pointer, c: c.pointer, ldc: n,
                                    accumulate: true, instructionSet: set)
            }
            line += "  packed \(set.rawValue) \(String(format: "%7.1f µs %5.1f GFLOP/s", own * 1e6, flops / own * 1e-9))"
        }
        print(line)
    }
    let wHH = buffer(512 * 128), packedHH = FloatBuffer(count: PackedGEMM.packedCount(k: 128, n: 512))
    let packTime = best(200) {
        PackedGEMM.pack(wHH.pointer, ldb: 128, k: 128, n: 512, transposed: true, into: packedHH.pointer)
    }
    let packBackTime = best(200) {
        PackedGEMM.pack(wHH.pointer, ldb: 128, k: 512, n: 128, transposed: false, into: packedHH.pointer)
    }
    print("pack W_hhᵀ [128×512] \(String(format: "%.1f µs", packTime * 1e6)), W_hh [512×128] \(String(format: "%.1f µs", packBackTime * 1e6))")
    let (b, h) = (32, 128)
    let gates = buffer(b * 4 * h), bias = buffer(4 * h), c = buffer(b * h), tc = buffer(b * h), out = buffer(b * h), cp = buffer(b * h)
    var line = "cell forward [32 × 128]".padding(toLength: 32, withPad: " ", startingAt: 0)
    for set in sets {
        let t = best(2000) {
            LSTMCellKernel.forward(gates: gates.pointer, bias: bias.pointer, cPrev: UnsafePointer(cp.pointer), c: c.pointer, tanhC: tc.pointer,
                                   h: out.pointer, hStride: h, batch: b, hidden: h, instructionSet: set)
        }
        line += "  \(set.rawValue) \(String(format: "%6.2f µs", t * 1e6))"
    }
    print(line)
    let dOut = buffer(b * 2 * h), dh = buffer(b * h), dc = buffer(b * h)
    line = "cell backward [32 × 128]".padding(toLength: 32, withPad: " ", startingAt: 0)
    for set in sets {
        let t = best(2000) {
            LSTMCellKernel.backward(gates: gates.pointer, cPrev: UnsafePointer(cp.pointer), tanhC: UnsafePointer(tc.pointer),
                                    dOut: UnsafePointer(dOut.pointer), dOutStride: 2 * h, dhCarry: UnsafePointer(dh.pointer),
                                    dcCarry: dc.pointer, batch: b, hidden: h, instructionSet: set)
        }
        line += "  \(set.rawValue) \(String(format: "%6.2f µs", t * 1e6))"
    }
    print(line)
    // The per-block products of training (512 rows = 16 steps × 32), layer 2.
    let da = buffer(512 * 512), xb = buffer(512 * 256), wih = buffer(512 * 256), gateBlock = buffer(512 * 512)
    let blockFlops = 2.0 * 512 * 512 * 256
    let projection = best(20) {
        GEMM.multiply(.none, .transposed, m: 512, n: 512, k: 256, a: xb.pointer, lda: 256, b: wih.pointer, ldb: 256,
                      beta: 1, c: gateBlock.pointer, ldc: 512)
    }
    let weightGradient = best(20) {
        GEMM.multiply(.transposed, .none, m: 512, n: 256, k: 512, a: da.pointer, lda: 512, b: xb.pointer, ldb: 256,
                      beta: 1, c: wih.pointer, ldc: 256)
    }
    let inputGradient = best(20) {
        GEMM.multiply(.none, .none, m: 512, n: 256, k: 512, a: da.pointer, lda: 512, b: wih.pointer, ldb: 256,
                      c: xb.pointer, ldc: 256)
    }
    print("training block (512 rows) OpenBLAS GFLOP/s: projection \(String(format: "%.1f", blockFlops / projection * 1e-9)), " +
          "∂W_ih \(String(format: "%.1f", blockFlops / weightGradient * 1e-9)), ∂X \(String(format: "%.1f", blockFlops / inputGradient * 1e-9))")
    let parameterCount = 600_000
    let theta = buffer(parameterCount), grad = buffer(parameterCount)
    var adam = Adam(parameterCount: parameterCount)
    let adamTime = best(20) {
        adam.step(parameters: theta.buffer, gradients: UnsafeBufferPointer(grad.buffer), learningRate: 1e-3)
    }
    print("Adam step, 600,000 parameters \(String(format: "%.2f ms", adamTime * 1e3))")
    let (big, kk, nn) = (7680, 256, 512)
    let a = buffer(big * kk), w = buffer(nn * kk), cc = FloatBuffer(count: big * nn)
    let t = best(3) {
        GEMM.multiply(.none, .transposed, m: big, n: nn, k: kk, a: a.pointer, lda: kk, b: w.pointer, ldb: kk, c: cc.pointer, ldc: nn)
    }
    print("input projection [7680×256]·[256×512] OpenBLAS \(String(format: "%.2f ms %5.1f GFLOP/s", t * 1e3, 2.0 * Double(big * kk * nn) / t * 1e-9))")
}
