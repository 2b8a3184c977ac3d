import Foundation
import Vapor

/// The time the app goes by. Lockouts, rate limits and token lifetimes read it here so tests can move it.
public final class SesaClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0
    private var frozenAt: Date?

    public init() {}

    public func now() -> Date { lock.withLock { (frozenAt ?? Date()).addingTimeInterval(offset) } }

    /// Moves this clock forward (tests only; production never calls it).
    public func advance(by seconds: TimeInterval) { lock.withLock { offset += seconds } }

    /// Stops the clock at the current time, so only `advance` moves it (tests only): a test counting within a
    /// one-minute window must not depend on how fast a loaded machine runs it.
    public func freeze() { lock.withLock { frozenAt = Date() } }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = SesaClock }

    public var clock: SesaClock {
        if let clock = storage[ClockKey.self] { return clock }
        let clock = SesaClock()
        storage[ClockKey.self] = clock
        return clock
    }
}

extension Request {
    public var now: Date { application.clock.now() }
}
