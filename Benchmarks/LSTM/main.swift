// bench-lstm: the LSTM reference design at a 15-second interval (TARGETS.md §2) —
// seconds per training step (forward + backward + Adam), samples/s, latency of one
// window, time for 1,000 windows — beside PyTorch in the same run when torch imports.
//
//     swift run -c release bench-lstm [--steps N] [--repeats N] [--no-torch] [--chunk N (windows per batch, default 256)]
//     swift run -c release bench-lstm --kernels      # per-step products and cell, OpenBLAS vs packed, both builds
//     swift run -c release bench-lstm --cpu          # 1 thread, thread CPU time (robust to other jobs)
//     swift run -c release bench-lstm --dev ../shared/data/real/nab [--epochs N] [--hidden N]
//                                     [--level relative_to_last,absolute] [--loss mse|mae|huber] [--scale std|mad]
//
// Absolute seconds on shared machines drift; read the ratios.
import Dispatch
import Forecasting
import Foundation
import Kernels

struct Options {
    var steps = 10
    var repeats = 3
    var torch = true
    var dev: String?
    var epochs = 100
    var hidden = 128
    var modes: [LevelMode] = [.relativeToLast, .absolute]
    var loss: LSTMLoss = .mse
    var inference = true
    var scale: ScaleEstimator = .standardDeviation
    /// Windows per forward call: 256, as `LSTMInference` (the product's forecast path) uses.
    var chunk = 256
    var kernels = false
    var cpuTime = false

    init(_ args: [String]) {
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--steps": i += 1; steps = Int(args[i]) ?? steps
            case "--repeats": i += 1; repeats = Int(args[i]) ?? repeats
            case "--no-torch": torch = false
            case "--train-only": inference = false
            case "--kernels": kernels = true
            case "--cpu": cpuTime = true; torch = false
            case "--scale": i += 1; scale = ScaleEstimator(rawValue: args[i]) ?? scale
            case "--dev": i += 1; dev = args[i]
            case "--epochs": i += 1; epochs = Int(args[i]) ?? epochs
            case "--hidden": i += 1; hidden = Int(args[i]) ?? hidden
            case "--chunk": i += 1; chunk = Int(args[i]).map { max(1, min($0, 1000)) } ?? chunk
            case "--loss":
                i += 1
                switch args[i] {
                case "mae": loss = .mae
                case "huber": loss = .huber(delta: 1)
                default: loss = .mse
                }
            case "--level": i += 1; modes = args[i].split(separator: ",").compactMap { LevelMode(rawValue: String($0)) }
            default: print("ignoring unknown argument \(args[i])")
            }
            i += 1
        }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
BLAS.useSingleThread()
if options.kernels {
    runKernelThroughput()
    exit(0)
}
if let directory = options.dev {
    do {
        try runDevSeries(directory: directory, epochs: options.epochs, hidden: options.hidden, modes: options.modes, loss: options.loss, scale: options.scale)
    } catch {
        print("dev series: \(error)")
        exit(1)
    }
    exit(0)
}

/// Wall seconds of `body`, or with `--cpu` the calling thread's CPU seconds (meaningful
/// for the 1-thread rows only; other jobs on the machine then do not count).
func seconds(_ body: () -> Void) -> Double {
    if options.cpuTime {
        let start = threadCPUSeconds()
        body()
        return threadCPUSeconds() - start
    }
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
}

func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func medianTime(repeats: Int, warmup: Int = 2, _ body: () -> Void) -> Double {
    for _ in 0..<warmup { body() }
    return median((0..<repeats).map { _ in seconds(body) })
}

let (steps, batch, features) = (240, 32, 8)
let horizons = [20, 60, 120]
let weights: [Float] = [1, 1.5, 1]
let architecture = LSTMArchitecture(inputSize: features, hiddenSize: 128, layers: 2, bidirectional: true,
                                    dropout: 0.3, headHidden: 64, headDropout: 0.3, headOutputs: horizons)

struct Result {
    var step = 0.0, one = 0.0, thousand = 0.0
    var samplesPerSecond: Double { Double(batch) / step }
}

func measure(parallel: Bool) -> Result {
    var rng = SplitMix64(seed: 1)
    let network = LSTMNetwork(architecture: architecture, rng: &rng, parallelDirections: parallel)
    let x = FloatBuffer((0..<(steps * batch * features)).map { _ in Float(rng.nextGaussian()) })
    let targets = horizons.map { n in FloatBuffer((0..<(batch * n)).map { _ in Float(rng.nextGaussian()) }) }
    let workspace = NetworkWorkspace(architecture: architecture, steps: steps, maxBatch: batch, training: true)
    var adam = Adam(parameterCount: network.layout.count)
    var dropout: SplitMix64? = rng.split()
    var result = Result()
    result.step = medianTime(repeats: options.steps) {
        network.gradients.zero()
        network.forward(input: x.pointer, batch: batch, workspace: workspace, dropout: &dropout)
        for k in horizons.indices {
            _ = LSTMLoss.mse.evaluate(predictions: workspace.output(head: k), targets: targets[k].pointer,
                                      count: batch * horizons[k], weight: weights[k], gradient: workspace.outputGradient(head: k))
        }
        network.backward(input: x.pointer, batch: batch, workspace: workspace)
        network.updateParameters { adam.step(parameters: $0, gradients: UnsafeBufferPointer(network.gradients.buffer), learningRate: 1e-3) }
    }
    let forwardOnly = medianTime(repeats: options.steps) {
        network.forward(input: x.pointer, batch: batch, workspace: workspace, dropout: &dropout)
    }
    let backwardOnly = medianTime(repeats: options.steps) {
        network.backward(input: x.pointer, batch: batch, workspace: workspace)
    }
    print("  (\(parallel ? "2 threads" : "1 thread"): training forward \(ms(forwardOnly)), backward \(ms(backwardOnly)))")
    guard options.inference else { return result }
    var none: SplitMix64? = nil
    let single = NetworkWorkspace(architecture: architecture, steps: steps, maxBatch: 1, training: false)
    let one = FloatBuffer((0..<(steps * features)).map { _ in Float(rng.nextGaussian()) })
    result.one = medianTime(repeats: 20 * options.repeats) {
        network.forward(input: one.pointer, batch: 1, workspace: single, dropout: &none)
    }
    let chunk = options.chunk
    let many = NetworkWorkspace(architecture: architecture, steps: steps, maxBatch: chunk, training: false)
    let windows = FloatBuffer((0..<(steps * chunk * features)).map { _ in Float(rng.nextGaussian()) })
    result.thousand = medianTime(repeats: options.repeats, warmup: 1) {
        var done = 0
        while done < 1000 {
            network.forward(input: windows.pointer, batch: min(chunk, 1000 - done), workspace: many, dropout: &none)
            done += chunk
        }
    }
    return result
}

struct TorchRun: Decodable {
    let threads: Int
    let train_step_s: Double
    let samples_per_s: Double
    let one_window_s: Double
    let thousand_windows_s: Double
}
struct TorchReport: Decodable { let torch_version: String; let runs: [TorchRun] }

func runTorch() -> TorchReport? {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("torch_lstm_bench.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, String(options.steps), String(options.repeats)]
    let pipe = Pipe()
    process.standardOutput = pipe
    do {
        try process.run()
    } catch {
        print("PyTorch: not run (\(error))")
        return nil
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        print("PyTorch: not run (python3 exited with \(process.terminationStatus); is torch importable?)")
        return nil
    }
    do {
        return try JSONDecoder().decode(TorchReport.self, from: data)
    } catch {
        print("PyTorch: unreadable output (\(error))")
        return nil
    }
}

func ms(_ s: Double) -> String { String(format: "%9.2f ms", s * 1000) }
func row(_ name: String, _ r: Result) {
    print("\(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(ms(r.step)) \(String(format: "%8.1f", r.samplesPerSecond)) \(ms(r.one)) \(ms(r.thousand))")
}

print("LSTM reference design: window \(steps), batch \(batch), \(features) features, hidden 128, 2 layers, bidirectional, heads \(horizons)")
print("vector kernels: \(InstructionSet.detected.rawValue) (CPU supports \(InstructionSet.cpuSupported.rawValue); "
    + "\(InstructionSet.overrideVariable) pins a lower build), OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")")
print("median of \(options.steps) training steps, \(20 * options.repeats) single windows, \(options.repeats) × 1,000 windows (chunks of \(options.chunk))")
print("\("".padding(toLength: 26, withPad: " ", startingAt: 0)) \("step".padding(toLength: 12, withPad: " ", startingAt: 0)) samples/s \("1 window".padding(toLength: 12, withPad: " ", startingAt: 0)) 1,000 windows")
if options.cpuTime {
    print("(--cpu: thread CPU seconds, one thread only)")
    row("swift, 1 thread, CPU time", measure(parallel: false))
    exit(0)
}
let parallel = measure(parallel: true)
row("swift, 2 threads (dirs)", parallel)
let serial = measure(parallel: false)
row("swift, 1 thread", serial)

if options.torch, let torch = runTorch() {
    for run in torch.runs {
        row("torch \(torch.torch_version), \(run.threads) thr", Result(step: run.train_step_s, one: run.one_window_s, thousand: run.thousand_windows_s))
    }
    let bestStep = torch.runs.map(\.train_step_s).min() ?? .nan
    let bestOne = torch.runs.map(\.one_window_s).min() ?? .nan
    let bestThousand = torch.runs.map(\.thousand_windows_s).min() ?? .nan
    print(String(format: "ratios swift(best)/torch(best of 1, 2 threads): step %.3f (target ≤ 0.55), 1 window %.3f (≤ 0.5), 1,000 windows %.3f (≤ 0.6)",
                 min(parallel.step, serial.step) / bestStep, min(parallel.one, serial.one) / bestOne,
                 min(parallel.thousand, serial.thousand) / bestThousand))
}
