import Vapor

extension Application {
    private struct InProcessWorkerKey: StorageKey { typealias Value = JobWorker }

    /// Starts a job worker inside this process (what `sesa serve` does unless `SESA_WORKER=off`); it is
    /// stopped — finishing or releasing its job — when the application shuts down.
    public func startInProcessWorker(options: JobWorker.Options = .init()) {
        guard storage[InProcessWorkerKey.self] == nil else { return }
        let worker = JobWorker(application: self, options: options)
        storage[InProcessWorkerKey.self] = worker
        lifecycle.use(WorkerLifecycle())
        worker.start()
    }

    public var inProcessWorker: JobWorker? { storage[InProcessWorkerKey.self] }
}

struct WorkerLifecycle: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.inProcessWorker?.stop()
    }
}
