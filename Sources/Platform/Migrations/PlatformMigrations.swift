import Fluent

/// Platform's migrations, in order. Append only: a shipped migration is never edited; fixes are new entries.
public enum PlatformMigrations {
    public static let all: [any Migration] = [
        // 0001 - the installation record shown on the status page
        CreateInstanceInfo(),
        // 0002 - the job queue
        CreateJobs(),
        // 0003 - job worker heartbeats (readiness)
        CreateWorkerHeartbeats(),
    ]
}
