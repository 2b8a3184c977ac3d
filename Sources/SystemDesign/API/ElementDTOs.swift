import Artifacts
import Platform
import Vapor

/// JSON shapes of system elements.
enum ElementDTOs {
    struct ElementDTO: Content {
        var key: String
        var title: String
        var version: Int
        var level: String
        var status: String
        var description: String
        var parent: String?
        var depth: Int?

        enum CodingKeys: String, CodingKey { case key, title, version, level, status, description, parent, depth }

        // `parent` is always present (null at the top), as the schema promises; `depth` only in tree listings.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(title, forKey: .title)
            try container.encode(version, forKey: .version)
            try container.encode(level, forKey: .level)
            try container.encode(status, forKey: .status)
            try container.encode(description, forKey: .description)
            try container.encode(parent, forKey: .parent)
            try container.encodeIfPresent(depth, forKey: .depth)
        }

        static let schema = JSONSchema.object([
            ("key", .string(description: "Stable key, e.g. EL-007")), ("title", .string()), ("version", .integer()),
            ("level", .string(description: "One of the project's levels")),
            ("status", .string(enumValues: SystemElement.Status.allCases.map(\.rawValue))), ("description", .string()),
            ("parent", .nullable(.string(description: "Key of the parent element; null at the top"))),
            ("depth", .integer(description: "Depth in the tree (0 at the top); in tree listings only")),
        ], required: ["key", "title", "version", "level", "status", "description", "parent"])
    }

    struct ElementList: Content {
        var items: [ElementDTO]
    }

    struct ElementInput: Content {
        var key: String?
        var version: Int?
        var title: String?
        var description: String?
        var level: String?
        var status: String?
        var parent: String?

        static let schema = JSONSchema.object([
            ("key", .string(description: "Create only: a key of your own (e.g. from another tool); allocated when absent")),
            ("version", .integer(description: "Update only: the version you edited")),
            ("title", .string()), ("description", .string()), ("level", .string()),
            ("status", .string(enumValues: SystemElement.Status.allCases.map(\.rawValue))),
            ("parent", .string(description: "Create only: key of the parent element (move to change it later)")),
        ], required: ["title", "level"])

        func draft() throws -> ElementDraft {
            var status = SystemElement.Status.proposed
            if let text = self.status {
                guard let parsed = SystemElement.Status(rawValue: text) else {
                    throw FieldsInvalid(field: "status", "“\(text)” is not a status (\(SystemElement.Status.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                status = parsed
            }
            return ElementDraft(title: title ?? "", description: description ?? "", level: level ?? "", status: status)
        }
    }

    struct MoveInput: Content {
        var version: Int
        var parent: String?
        static let schema = JSONSchema.object([
            ("version", .integer(description: "The version you moved from")),
            ("parent", .nullable(.string(description: "Key of the new parent; null or absent for the top"))),
        ], required: ["version"])
    }

    struct LevelsDTO: Content {
        var levels: [String]
        static let schema = JSONSchema.object([("levels", .array(.string(), description: "Top to bottom"))], required: ["levels"])
    }

    struct ImportReportDTO: Content {
        var dryRun: Bool
        var created: [String]
        var changed: [ChangeDTO]
        var unchanged: [String]
        struct ChangeDTO: Content {
            var key: String
            var fields: [String]
        }
        enum CodingKeys: String, CodingKey {
            case dryRun = "dry_run"
            case created, changed, unchanged
        }

        init(_ report: ElementTableImport.Report, dryRun: Bool) {
            self.dryRun = dryRun
            created = report.created
            changed = report.changed.map { ChangeDTO(key: $0.key, fields: $0.fields) }
            unchanged = report.unchanged
        }

        static let schema = JSONSchema.object([
            ("dry_run", .boolean()), ("created", .array(.string(), description: "New keys (row N for keyless rows on a dry run)")),
            ("changed", .array(.object([("key", .string()), ("fields", .array(.string()))], required: ["key", "fields"]))),
            ("unchanged", .array(.string())),
        ], required: ["dry_run", "created", "changed", "unchanged"])
    }
}

extension ElementDTOs.ElementDTO {
    init(_ row: SystemElementQueries.Row, parentKey: String?, depth: Int? = nil) {
        self.init(key: row.key, title: row.title, version: row.version, level: row.level, status: row.status.rawValue,
                  description: row.description, parent: parentKey, depth: depth)
    }
}
