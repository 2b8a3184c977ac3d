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
        // 0004 - people who sign in
        CreateUsers(),
        // 0005 - browser sessions
        CreateUserSessions(),
        // 0006 - the one-time first-administrator link
        CreateSetupTokens(),
        // 0007 - the append-only, hash-chained audit trail
        CreateAuditTrail(),
        // 0008 - programmes, projects and memberships
        CreateProjects(),
        // 0009 - brute-force counters and rate limits
        CreateRateLimitCounters(),
        // 0010 - API refresh tokens and personal access tokens
        CreateAPITokens(),
        // 0011 - which project and person a job belongs to (job page and API)
        AddJobOwnership(),
        // 0012 - file content by project and SHA-256 (ReqIFZ attachments; later evidence files)
        CreateBlobs(),
    ]
}
