import Foundation

/// Ends an extra sweep worker (`autoscale pipeline worker`) once the pipeline process that
/// started it is gone, so that a main process killed with kill -9 leaves no workers behind to
/// compete with the next run. The worker's parent is the pipeline process; when that dies the
/// kernel hands the worker to another parent (init or a subreaper), so `getppid()` changes:
/// a thread polls it every `interval` seconds. On exit the worker's trial is left as a kill -9
/// would leave it: its heartbeat stops, and the next claim after the stale window requeues it.
enum ParentWatch {
    static func start(parent: Int32, interval: Double = 0.5) {
        let thread = Thread {
            while getppid() == parent { Thread.sleep(forTimeInterval: interval) }
            let message = "sweep worker \(getpid()): its pipeline process \(parent) is gone; exiting (a running trial goes back to the queue after the stale window)\n"
            FileHandle.standardError.write(Data(message.utf8))
            _exit(3)
        }
        thread.start()
    }
}
