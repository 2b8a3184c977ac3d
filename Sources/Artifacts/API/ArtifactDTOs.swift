import Foundation
import Platform
import Vapor

/// JSON shapes of the artifact core's API.
enum ArtifactDTOs {
    struct ArtifactDTO: Content {
        var id: UUID
        var key: String
        var kind: String
        var title: String
        var version: Int
        var fields: ArtifactFields
        var contentHash: String
        var triggerHash: String
        var createdAt: Date
        var updatedAt: Date
        var deleted: Bool

        enum CodingKeys: String, CodingKey {
            case id, key, kind, title, version, fields, deleted
            case contentHash = "content_hash", triggerHash = "trigger_hash"
            case createdAt = "created_at", updatedAt = "updated_at"
        }

        static let schema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("key", .string(description: "Stable, unique in the project")),
            ("kind", .string()), ("title", .string()),
            ("version", .integer(minimum: 1, description: "Send it back when saving: a stale version gets 409")),
            ("fields", .map(.string(), description: "The current snapshot (values: string, number, boolean, list of strings or null)")),
            ("content_hash", .string(description: "SHA-256 of the canonical JSON snapshot")),
            ("trigger_hash", .string(description: "SHA-256 of the fields whose change turns links suspect")),
            ("created_at", .string(format: "date-time")), ("updated_at", .string(format: "date-time")),
            ("deleted", .boolean()),
        ], required: ["id", "key", "kind", "title", "version", "fields", "content_hash", "trigger_hash", "created_at",
                      "updated_at", "deleted"])
    }

    struct VersionDTO: Content {
        var version: Int
        var change: String
        var revision: Int64
        var changedAt: Date
        var changedBy: String
        var contentHash: String
        var triggerHash: String
        var fields: ArtifactFields

        enum CodingKeys: String, CodingKey {
            case version, change, revision, fields
            case changedAt = "changed_at", changedBy = "changed_by"
            case contentHash = "content_hash", triggerHash = "trigger_hash"
        }

        static let schema = JSONSchema.object([
            ("version", .integer(minimum: 1)), ("change", .string(enumValues: ["created", "updated", "deleted"])),
            ("revision", .integer(description: "The project revision this version was written in")),
            ("changed_at", .string(format: "date-time")), ("changed_by", .string()),
            ("content_hash", .string()), ("trigger_hash", .string()), ("fields", .map(.string())),
        ], required: ["version", "change", "revision", "changed_at", "changed_by", "content_hash", "trigger_hash", "fields"])
    }

    struct VersionList: Content {
        var items: [VersionDTO]
    }

    struct LinkDTO: Content {
        var id: UUID
        var kind: String
        var label: String
        var source: String
        var target: String
        var suspect: Bool

        static let schema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("kind", .string()),
            ("label", .string(description: "How the link reads from this artifact")),
            ("source", .string(description: "Key of the source artifact")),
            ("target", .string(description: "Key of the target artifact")),
            ("suspect", .boolean(description: "An end's trigger fields changed since the link was reviewed")),
        ], required: ["id", "kind", "label", "source", "target", "suspect"])
    }

    struct LinkList: Content {
        var outgoing: [LinkDTO]
        var incoming: [LinkDTO]
    }

    struct Revision: Content {
        var revision: Int64
    }

    struct KindList: Content {
        struct Kind: Content {
            var id: String
            var label: String
            var keyPattern: String
            var triggerFields: [String]
            enum CodingKeys: String, CodingKey {
                case id, label
                case keyPattern = "key_pattern", triggerFields = "trigger_fields"
            }
        }
        struct Link: Content {
            var id: String
            var label: String
            var inverseLabel: String
            var pairs: [[String]]
            var acyclic: Bool
            enum CodingKeys: String, CodingKey {
                case id, label, pairs, acyclic
                case inverseLabel = "inverse_label"
            }
        }
        var kinds: [Kind]
        var linkKinds: [Link]
        enum CodingKeys: String, CodingKey {
            case kinds
            case linkKinds = "link_kinds"
        }
    }
}
