import Foundation
import Prometheus
import Vapor

/// The app's Prometheus registry and the metrics the platform itself records.
///
/// Each app owns its registry instead of bootstrapping the process-wide `MetricsSystem`: tests boot many apps
/// in one process, and the global system can be bootstrapped only once.
public final class SesaMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    /// Latency buckets from 1 ms to 10 s: pages should land in the first few.
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10),
    ]

    public init(config: AppConfig) {
        registry.makeGauge(
            descriptor: .init(namespace: "sesa", metricName: "build_info", unitName: "", helpText: "Build and runtime of this instance"),
            labels: [("version", SesaVersion.current), ("database", config.databaseURL.backendName.lowercased()),
                     ("environment", config.mode.rawValue)]
        ).set(to: 1)
        registry.makeGauge(
            descriptor: .init(namespace: "sesa", metricName: "process_start_time", unitName: "seconds",
                              helpText: "Start time of the process since the Unix epoch")
        ).set(to: Date().timeIntervalSince1970)
    }

    /// Counts a finished request and records its latency, labelled by route template (never the raw path,
    /// which would make one time series per artifact).
    public func recordRequest(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(
            descriptor: .init(namespace: "sesa", subsystem: "http", metricName: "requests", unitName: "total",
                              helpText: "HTTP requests by method, route template and status"),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(namespace: "sesa", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                              helpText: "HTTP request latency by method and route template"),
            labels: [("method", method), ("route", route)],
            buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// The database round trip measured when metrics are scraped; `up` is 0 when the database did not answer.
    public func recordDatabase(roundTrip: Duration?) {
        registry.makeGauge(
            descriptor: .init(namespace: "sesa", subsystem: "db", metricName: "up", unitName: "",
                              helpText: "1 when the database answered the last probe")
        ).set(to: roundTrip == nil ? 0 : 1)
        if let roundTrip {
            registry.makeGauge(
                descriptor: .init(namespace: "sesa", subsystem: "db", metricName: "roundtrip", unitName: "seconds",
                                  helpText: "Round-trip time of SELECT 1 at the last probe")
            ).set(to: Double(roundTrip.components.attoseconds) / 1e18 + Double(roundTrip.components.seconds))
        }
    }

    /// Queue depth by status and the wait of the oldest due job, measured at scrape time.
    public func recordJobs(_ statistics: JobStatistics) {
        for (status, count) in statistics.counts {
            registry.makeGauge(
                descriptor: .init(namespace: "sesa", subsystem: "jobs", metricName: "count", unitName: "",
                                  helpText: "Jobs in the queue by status"),
                labels: [("status", status.rawValue)]
            ).set(to: Double(count))
        }
        registry.makeGauge(
            descriptor: .init(namespace: "sesa", subsystem: "jobs", metricName: "oldest_queued_age", unitName: "seconds",
                              helpText: "How long the oldest due job has waited (0 when none)")
        ).set(to: statistics.oldestQueuedAge ?? 0)
    }

    public func exposition() -> String { registry.emitToString() }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = SesaMetrics }

    public var metrics: SesaMetrics {
        get {
            guard let metrics = storage[MetricsKey.self] else { fatalError("Application.metrics read before configure") }
            return metrics
        }
        set { storage[MetricsKey.self] = newValue }
    }
}
