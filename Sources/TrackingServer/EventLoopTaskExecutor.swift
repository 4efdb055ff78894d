import NIOCore

/// A Swift task executor that runs every job on one NIO event loop.
///
/// `runs server` serves on a one-thread event loop group and runs Hummingbird under
/// `withTaskExecutorPreference` of this executor: each connection's task then reads the request,
/// routes it and writes the answer on the same thread that does the socket I/O, instead of hopping
/// to Swift's cooperative pool and back (two thread wake-ups per call). The registry work still
/// runs on `RegistryWorkers`' threads (it blocks); its result resumes the task on the event loop.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
