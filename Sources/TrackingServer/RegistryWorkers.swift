import NIOPosix

/// The threads that run the server's registry work (blocking SQLite and file calls), off Swift's
/// cooperative pool, in two pools so that a reader never queues behind a writer.
///
/// Writes are serialised by the registry's single writer connection anyway: when another process
/// holds the write lock, every waiting write blocks its thread for up to the busy timeout (30 s).
/// With one shared pool, as many waiting writes as threads left no thread for a read. Writes get
/// a small pool of their own (more threads would only wait in the writer's queue); reads get
/// `ServerConfiguration.readThreads`, enough for SQLite's concurrent WAL readers.
struct RegistryWorkers: Sendable {
    let reads: NIOThreadPool
    let writes: NIOThreadPool

    init(readThreads: Int, writeThreads: Int) {
        reads = NIOThreadPool(numberOfThreads: readThreads)
        writes = NIOThreadPool(numberOfThreads: writeThreads)
    }

    func start() {
        reads.start()
        writes.start()
    }

    func shutdownGracefully() async throws {
        try await reads.shutdownGracefully()
        try await writes.shutdownGracefully()
    }

    /// The pool for work that writes (`writes` true) or only reads.
    func pool(writes isWrite: Bool) -> NIOThreadPool { isWrite ? writes : reads }
}
