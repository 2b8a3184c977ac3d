import Artifacts
import Foundation
import Platform
import TraceEngine
import Vapor

/// JSON shapes of the requirements API.
enum RequirementDTOs {
    struct ModuleDTO: Content {
        var id: UUID
        var name: String
        var prefix: String
        var description: String
        var parentExpected: Bool
        var requirements: Int?

        enum CodingKeys: String, CodingKey {
            case id, name, prefix, description, requirements
            case parentExpected = "parent_expected"
        }

        static let schema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("name", .string()), ("prefix", .string(description: "Key prefix, e.g. SYS")),
            ("description", .string()), ("parent_expected", .boolean(description: "Requirements here should derive from a parent")),
            ("requirements", .integer()),
        ], required: ["id", "name", "prefix", "description", "parent_expected"])
    }

    struct ModuleList: Content { var items: [ModuleDTO] }

    struct ModuleInput: Content {
        var name: String?
        var prefix: String?
        var description: String?
        var parentExpected: Bool?
        enum CodingKeys: String, CodingKey {
            case name, prefix, description
            case parentExpected = "parent_expected"
        }
        static let schema = JSONSchema.object([
            ("name", .string()), ("prefix", .string()), ("description", .string()), ("parent_expected", .boolean()),
        ], required: ["name", "prefix"])
    }

    struct RequirementDTO: Content {
        var id: UUID
        var key: String
        var module: String
        var version: Int
        var title: String
        var statement: String
        var rationale: String
        var type: String
        var priority: String
        var status: String
        var verificationMethods: [String]
        var source: String
        var owner: String
        var tags: [String]
        var attributes: [String: ArtifactValue]
        var findings: [QualityFinding]
        var suspectLinks: Int

        enum CodingKeys: String, CodingKey {
            case id, key, module, version, title, statement, rationale, type, priority, status, source, owner, tags,
                 attributes, findings
            case verificationMethods = "verification_methods", suspectLinks = "suspect_links"
        }

        static let schema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("key", .string(description: "Stable key, e.g. SYS-REQ-042")),
            ("module", .string(description: "Module prefix")),
            ("version", .integer(minimum: 1, description: "Send it back when saving: a stale version gets 409")),
            ("title", .string()), ("statement", .string(description: "Markdown subset")), ("rationale", .string()),
            ("type", .string()), ("priority", .string(enumValues: RequirementPriority.allCases.map(\.rawValue))),
            ("status", .string(enumValues: RequirementStatus.allCases.map(\.rawValue))),
            ("verification_methods", .array(.string(enumValues: VerificationMethod.allCases.map(\.rawValue)))),
            ("source", .string()), ("owner", .string()), ("tags", .array(.string())),
            ("attributes", .map(.string(), description: "Custom attribute values by attribute name")),
            ("findings", .array(.ref("QualityFinding"))), ("suspect_links", .integer()),
        ], required: ["id", "key", "module", "version", "title", "statement", "rationale", "type", "priority", "status",
                      "verification_methods", "source", "owner", "tags", "attributes", "findings", "suspect_links"])

        static let findingSchema = JSONSchema.object([
            ("ruleID", .string()), ("severity", .string(enumValues: QualityRule.Severity.allCases.map(\.rawValue))),
            ("message", .string()), ("match", .nullable(.string())),
        ], required: ["ruleID", "severity", "message"])
    }

    struct RequirementInput: Content {
        var version: Int?
        var title: String?
        var statement: String?
        var rationale: String?
        var type: String?
        var priority: String?
        var verificationMethods: [String]?
        var source: String?
        var owner: String?
        var tags: [String]?
        var attributes: [String: [String]]?
        var parent: String?
        var key: String?

        enum CodingKeys: String, CodingKey {
            case version, title, statement, rationale, type, priority, source, owner, tags, attributes, parent, key
            case verificationMethods = "verification_methods"
        }

        var draft: RequirementDraft {
            RequirementDraft(title: title ?? "", statement: statement ?? "", rationale: rationale ?? "",
                             type: type ?? "functional", priority: priority ?? "medium",
                             verificationMethods: verificationMethods ?? [], source: source ?? "", owner: owner ?? "",
                             tags: tags ?? [], attributes: attributes ?? [:])
        }

        static let schema = JSONSchema.object([
            ("version", .integer(minimum: 1, description: "Required when updating: the version you edited")),
            ("title", .string()), ("statement", .string()), ("rationale", .string()), ("type", .string()),
            ("priority", .string(enumValues: RequirementPriority.allCases.map(\.rawValue))),
            ("verification_methods", .array(.string(enumValues: VerificationMethod.allCases.map(\.rawValue)))),
            ("source", .string()), ("owner", .string()), ("tags", .array(.string())),
            ("attributes", .map(.array(.string()), description: "Values by attribute name")),
            ("parent", .string(description: "Key of the parent section or requirement (create only)")),
            ("key", .string(description: "Explicit key (create only); generated from the module prefix when absent")),
        ], required: ["title", "statement"])
    }

    struct StatusInput: Content {
        var version: Int?
        var status: String
        static let schema = JSONSchema.object([
            ("version", .integer(minimum: 1)), ("status", .string(enumValues: RequirementStatus.allCases.map(\.rawValue))),
        ], required: ["status"])
    }

    struct DocumentRowDTO: Content {
        var key: String
        var type: String
        var number: String
        var depth: Int
        var title: String
        var statement: String
        var status: String
        var version: Int
        var findings: [String]
        var suspectLinks: Int
        enum CodingKeys: String, CodingKey {
            case key, type, number, depth, title, statement, status, version, findings
            case suspectLinks = "suspect_links"
        }
        static let schema = JSONSchema.object([
            ("key", .string()), ("type", .string(enumValues: ["section", "requirement"])),
            ("number", .string(description: "Outline number, e.g. 2.1")), ("depth", .integer(minimum: 0)),
            ("title", .string()), ("statement", .string()), ("status", .string()), ("version", .integer()),
            ("findings", .array(.string())), ("suspect_links", .integer()),
        ], required: ["key", "type", "number", "depth", "title", "statement", "status", "version", "findings", "suspect_links"])
    }

    struct DocumentDTO: Content {
        var module: ModuleDTO
        var items: [DocumentRowDTO]
    }

    struct LinkInput: Content {
        var kind: String
        var source: String
        var target: String
        static let schema = JSONSchema.object([
            ("kind", .string(description: "A registered link kind, e.g. derives-from")),
            ("source", .string(description: "Source artifact key")), ("target", .string(description: "Target artifact key")),
        ], required: ["kind", "source", "target"])
    }

    struct ClearInput: Content {
        var reason: String?
        static let schema = JSONSchema.object([("reason", .string(description: "Why the link still holds (audited)"))],
                                              required: ["reason"])
    }

    struct SuspectDTO: Content {
        var id: UUID
        var kind: String
        var source: String
        var target: String
        static let schema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("kind", .string()), ("source", .string()), ("target", .string()),
        ], required: ["id", "kind", "source", "target"])
    }

    struct SuspectList: Content { var items: [SuspectDTO] }

    struct ImpactMemberDTO: Content {
        var key: String
        var kind: String
        var title: String
        var depth: Int
        var via: String
        var linkKind: String
        var path: [String]
        enum CodingKeys: String, CodingKey {
            case key, kind, title, depth, via, path
            case linkKind = "link_kind"
        }
    }

    struct ImpactDTO: Content {
        var start: String
        var revision: Int64
        var members: [ImpactMemberDTO]
        static let schema = JSONSchema.object([
            ("start", .string()), ("revision", .integer(description: "Project revision the graph was built at")),
            ("members", .array(.object([
                ("key", .string()), ("kind", .string()), ("title", .string()), ("depth", .integer(minimum: 1)),
                ("via", .string(description: "The key this member was reached from")), ("link_kind", .string()),
                ("path", .array(.string(), description: "Keys from the start to this member")),
            ], required: ["key", "kind", "title", "depth", "via", "link_kind", "path"]))),
        ], required: ["start", "revision", "members"])
    }

    struct SearchHitDTO: Content {
        var key: String
        var module: String
        var version: Int
        var title: String
        var statement: String
        var status: String
        var type: String
        var tags: [String]
        var findings: [String]
        static let schema = JSONSchema.object([
            ("key", .string()), ("module", .string(description: "Module prefix")), ("version", .integer(minimum: 1)),
            ("title", .string()), ("statement", .string()), ("status", .string()), ("type", .string()),
            ("tags", .array(.string())), ("findings", .array(.string(description: "Quality rule ids (enabled rules)"))),
        ], required: ["key", "module", "version", "title", "statement", "status", "type", "tags", "findings"])
    }

    struct SearchDTO: Content {
        var items: [SearchHitDTO]
        var total: Int
        var page: Int
        var perPage: Int
        enum CodingKeys: String, CodingKey {
            case items, total, page
            case perPage = "per_page"
        }
    }

    struct CommentDTO: Content {
        var id: UUID
        var thread: UUID?
        var author: String
        var body: String
        var createdAt: Date
        var resolved: Bool
        enum CodingKeys: String, CodingKey {
            case id, thread, author, body, resolved
            case createdAt = "created_at"
        }
        static let schema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("thread", .nullable(.string(format: "uuid"))), ("author", .string()),
            ("body", .string()), ("created_at", .string(format: "date-time")), ("resolved", .boolean()),
        ], required: ["id", "author", "body", "created_at", "resolved"])
    }

    struct CommentInput: Content {
        var body: String
        var thread: UUID?
    }

    struct CoverageDTO: Content {
        var name: String
        var total: Int
        var covered: Int
        var share: Double
        var uncovered: [String]
    }
}

extension QualityFinding: Content {}
