// swift-tools-version: 6.1
import PackageDescription

/// AVX2 + FMA for the second build of the vector kernels. `-target-cpu haswell` exists only
/// for x86; elsewhere (e.g. arm64) that build is compiled like the first one and never
/// chosen (`InstructionSet.detected` is `.baseline` there).
/// AVX-512 (F, CD, BW, DQ, VL) for the third build, whose element-wise kernels step through
/// sixteen lanes (`SIMD_WIDE`); `-target-cpu skylake-avx512`, as this Swift rejects x86-64-v4.
#if arch(x86_64)
let haswellSettings: [SwiftSetting] = [.define("SIMD_FMA"), .unsafeFlags(["-target-cpu", "haswell"])]
let avx512Settings: [SwiftSetting] = [
    .define("SIMD_FMA"), .define("SIMD_WIDE"), .unsafeFlags(["-target-cpu", "skylake-avx512"]),
]
#else
let haswellSettings: [SwiftSetting] = []
let avx512Settings: [SwiftSetting] = []
#endif

/// Rooms and their allowed imports: docs/ARCHITECTURE.md.
/// Kernels → Series → Ingest / Forecasting → Pipeline → executables; Tracking knows only GRDB.
let package = Package(
    name: "PredictiveAutoscaling",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "autoscale", targets: ["autoscale"]),
        .executable(name: "runs", targets: ["runs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // NIOPosix's thread pool for `runs server`'s blocking registry work (already in the graph through Hummingbird).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    ],
    targets: [
        // OpenBLAS from Debian's libopenblas-dev, found through pkg-config.
        .systemLibrary(
            name: "CBLAS",
            path: "Sources/CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // XGBoost's C API from Debian's libxgboost-dev (1.7.4), for the gbt model.
        .systemLibrary(
            name: "CXGBoost",
            path: "Sources/CXGBoost",
            pkgConfig: "xgboost",
            providers: [.apt(["libxgboost-dev"])]
        ),
        // CPUID query for choosing a build of the vector kernels at run time.
        .target(name: "CPUFeatures", path: "Sources/CPUFeatures"),
        // The vector kernels, compiled three times from the same files: for any x86-64, with
        // AVX2 + FMA, and with AVX-512 (Sources/KernelsSIMDHaswell and Sources/KernelsSIMDAVX512
        // hold symbolic links to Sources/KernelsSIMD). `Kernels.InstructionSet` picks one at run time.
        .target(name: "KernelsSIMD", path: "Sources/KernelsSIMD"),
        .target(name: "KernelsSIMDHaswell", path: "Sources/KernelsSIMDHaswell", swiftSettings: haswellSettings),
        .target(name: "KernelsSIMDAVX512", path: "Sources/KernelsSIMDAVX512", swiftSettings: avx512Settings),
        .target(
            name: "Kernels",
            dependencies: ["CBLAS", "CPUFeatures", "KernelsSIMD", "KernelsSIMDHaswell", "KernelsSIMDAVX512"]
        ),
        .target(name: "Series", dependencies: ["Kernels"]),
        .target(name: "Ingest", dependencies: ["Series", "Kernels"]),
        .target(name: "Forecasting", dependencies: ["Series", "Kernels", "CXGBoost"]),
        .target(name: "Tracking", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Pipeline",
            dependencies: ["Series", "Ingest", "Forecasting", "Tracking", "Serving", .product(name: "Yams", package: "Yams")]
        ),
        // Predictor over registered models, scaling policy, backtest (docs/ARCHITECTURE.md#serving).
        .target(
            name: "Serving",
            dependencies: ["Series", "Ingest", "Forecasting", "Tracking", .product(name: "Yams", package: "Yams")]
        ),
        // The HTTP service over Serving: autoscale serve / watch (docs/ARCHITECTURE.md#servinghttp).
        .target(
            name: "ServingHTTP",
            dependencies: [
                "Serving", "Ingest", "Tracking",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "autoscale",
            dependencies: [
                "Kernels", "Series", "Ingest", "Forecasting", "Pipeline", "Tracking", "Serving", "ServingHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The web UI of `runs server`: HTML pages over the registry, no HTTP library (docs/web-ui.md).
        .target(name: "TrackingWebUI", dependencies: ["Tracking"]),
        // MLflow's REST API over the registry (`runs server`); the only room with HTTP.
        .target(
            name: "TrackingServer",
            dependencies: [
                "Tracking", "TrackingWebUI", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "runs",
            dependencies: ["Tracking", "TrackingServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "TestSupport", dependencies: ["Series", "Kernels"], path: "Sources/TestSupport"),

        // Benchmarks: plain executables, run with `swift run -c release <name>` (see Benchmarks/README.md).
        .executableTarget(
            name: "bench-lstm",
            dependencies: ["Forecasting", "Kernels", "Series", "Ingest"],
            path: "Benchmarks/LSTM",
            exclude: ["torch_lstm_bench.py"]
        ),
        .executableTarget(
            name: "bench-tracking",
            dependencies: ["Tracking"],
            path: "Benchmarks/Tracking"
        ),
        .executableTarget(
            name: "bench-stats",
            dependencies: ["Forecasting", "Ingest", "Series", "Kernels"],
            path: "Benchmarks/Stats",
            exclude: ["Reference", "README.md"]
        ),
        .executableTarget(
            name: "bench-autoarima-diff",
            dependencies: ["Forecasting", "Kernels", "Series", "TestSupport"],
            path: "Benchmarks/AutoARIMADiff"
        ),
        .executableTarget(
            name: "bench-accuracy",
            dependencies: ["Forecasting", "Ingest", "Series", "Kernels", "BenchSupport"],
            path: "Benchmarks/Accuracy",
            exclude: ["Reference"]
        ),
        // `nhits` variants scored on validation (each series cut at its test start): how the defaults were chosen.
        // Members' validation and test paths per series, for studying combination rules (combine.py).
        .executableTarget(name: "bench-ensemble-study", dependencies: ["Forecasting", "Ingest", "Series", "Kernels", "BenchSupport"],
                          path: "Benchmarks/EnsembleStudy", exclude: ["combine.py"]),
        // What several benchmarks measure with (process CPU seconds).
        .target(name: "BenchSupport", path: "Benchmarks/Support"),
        .executableTarget(name: "bench-nhits-tuning", dependencies: ["Forecasting", "Ingest", "Series", "Kernels", "BenchSupport"],
                          path: "Benchmarks/NHITSTuning"),
        // Starts the release `autoscale serve`, drives it with wrk, and `mlflow models serve` from a venv.
        .executableTarget(
            name: "bench-serving",
            dependencies: ["Serving", "Forecasting", "Tracking", "Series"],
            path: "Benchmarks/Serving",
            exclude: ["mlflow_serve_bench.sh", "mlflow_arima_model.py", "post_body.lua"]
        ),
        .executableTarget(name: "bench-webui", dependencies: ["TrackingWebUI", "Tracking"], path: "Benchmarks/WebUI"),
        .executableTarget(name: "bench-ingest", dependencies: ["Ingest", "Kernels", "TestSupport"], path: "Benchmarks/Ingest"),
        .executableTarget(
            name: "bench-sweep",
            dependencies: ["Pipeline", "Tracking"],
            path: "Benchmarks/Sweep",
            exclude: ["optuna_sweep_bench.py", "arima-workers.yaml", "cpu-sweep-reduced.yaml", "cpu-sweep-reduced-no-pruning.yaml", "sweep_pruning_bench.sh", "sweep_workers_bench.sh"]
        ),
        .executableTarget(name: "bench-backtest", dependencies: ["Serving", "Forecasting", "Ingest", "Series"], path: "Benchmarks/Backtest"),
        // Spawns the release `autoscale` beside it and `dvc` from a venv: no library dependency.
        .executableTarget(
            name: "bench-pipeline",
            path: "Benchmarks/Pipeline",
            exclude: ["ten-stages.yaml", "parallel.yaml", "dvc"]
        ),

        // Spawns the release `runs server` beside it, `mlflow server` from a venv, and itself as the
        // canned server of the client floor (Hummingbird, as `runs server`).
        .executableTarget(
            name: "bench-tracking-server",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Benchmarks/TrackingServer",
            exclude: ["mlflow_server_bench.py", "setup_bench_venv.sh", "log_metric.lua"]
        ),

        .testTarget(
            name: "KernelsTests",
            dependencies: ["Kernels", "KernelsSIMD", "KernelsSIMDHaswell", "KernelsSIMDAVX512", "TestSupport"]
        ),
        .testTarget(name: "SeriesTests", dependencies: ["Series", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Kernels", "TestSupport"]),
        .testTarget(
            name: "ForecastingTests",
            dependencies: ["Forecasting", "Ingest", "TestSupport"],
            exclude: ["LSTMReference", "NHITSReference", "GBTReference"],
            resources: [.copy("Fixtures"), .copy("Reference")]
        ),
        .testTarget(name: "TrackingTests", dependencies: ["Tracking", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Forecasting", "Tracking", "Serving", "Ingest", "Kernels", "TestSupport"], exclude: ["SweepReference"]),
        .testTarget(name: "ServingTests", dependencies: ["Serving", "Forecasting", "Tracking", "TestSupport"]),
        .testTarget(name: "TrackingWebUITests", dependencies: ["TrackingWebUI", "Tracking", "TestSupport"], exclude: ["Browser"]),
        .testTarget(
            name: "TrackingServerTests",
            dependencies: ["TrackingServer", "Tracking", "TestSupport"],
            exclude: ["MLflowClient"]
        ),
        .testTarget(
            name: "ServingHTTPTests",
            dependencies: [
                "ServingHTTP", "Serving", "Tracking", "Ingest", "Forecasting", "TestSupport",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "CLITests", dependencies: ["Forecasting", "Ingest", "Tracking", "TestSupport"], exclude: ["Golden"]),
    ]
)
