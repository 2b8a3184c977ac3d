import Fluent

/// The first-administrator link, issued by `sesa serve` while the instance has no user.
public enum SetupLink {
    /// A fresh one-time token (earlier unused ones are withdrawn), or nil when any user exists.
    public static func issue(on database: any Database) async throws -> String? {
        try await SetupController.issueToken(on: database)
    }
}
