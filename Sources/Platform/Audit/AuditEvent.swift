import Foundation
import Vapor

/// A state change to record: what was done to which object, with the fields before and after.
public struct AuditEvent: Sendable {
    public var action: String
    public var objectKind: String
    public var objectID: String?
    public var objectKey: String?
    public var projectID: UUID?
    public var before: [String: String]?
    public var after: [String: String]?
    /// A one-line note (for example the reason given for a change).
    public var note: String?

    public init(_ action: String, kind: String, id: String? = nil, key: String? = nil, project: UUID? = nil,
                before: [String: String]? = nil, after: [String: String]? = nil, note: String? = nil) {
        self.action = action
        self.objectKind = kind
        self.objectID = id
        self.objectKey = key
        self.projectID = project
        self.before = before
        self.after = after
        self.note = note
    }

    /// `before`/`after` reduced to the fields that changed, as sorted-key JSON.
    var detailsJSON: String {
        var before = self.before, after = self.after
        if let old = before, let new = after {
            let changed = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }
            before = old.filter { changed.contains($0.key) }
            after = new.filter { changed.contains($0.key) }
        }
        struct Details: Encodable {
            var before: [String: String]?
            var after: [String: String]?
            var note: String?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Details(before: before, after: after, note: note))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Who did it, from where: a signed-in user with their request, or the system / command line.
public struct AuditActor: Sendable {
    public var userID: UUID?
    public var label: String
    public var requestID: String?
    public var ip: String?

    public init(userID: UUID?, label: String, requestID: String? = nil, ip: String? = nil) {
        self.userID = userID
        self.label = label
        self.requestID = requestID
        self.ip = ip
    }

    public static let system = AuditActor(userID: nil, label: "system")
    public static let commandLine = AuditActor(userID: nil, label: "command line")
}

extension Request {
    /// The signed-in user (or "anonymous") with this request's id and client address.
    public var auditActor: AuditActor {
        AuditActor(userID: identity?.userID, label: identity?.email ?? "anonymous", requestID: requestID, ip: clientIP)
    }
}
