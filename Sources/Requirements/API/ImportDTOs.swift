import Platform
import Vapor

/// JSON shapes of ReqIF imports: the dry run's comparison and the accepted import's job.
enum ImportDTOs {
    struct PreviewDTO: Content {
        struct Module: Content { var identifier: String; var name: String; var prefix: String?; var new: Bool }
        struct Change: Content { var field: String; var before: String; var after: String }
        struct Item: Content {
            var object: String
            var key: String?
            var title: String
            var module: String
            var state: String
            var changes: [Change]
            var moved: Bool
        }

        var modules: [Module]
        var items: [Item]
        var newLinks: [String]
        var unchangedLinks: Int
        var missingLinks: [String]
        var keptForExportOnly: Int
        var warnings: [String]
        var summary: String

        enum CodingKeys: String, CodingKey {
            case modules, items, warnings, summary
            case newLinks = "new_links", unchangedLinks = "unchanged_links", missingLinks = "missing_links"
            case keptForExportOnly = "kept_for_export_only"
        }

        init(_ preview: ReqIFImporter.Preview) {
            modules = preview.modules.map { Module(identifier: $0.identifier, name: $0.name, prefix: $0.prefix, new: $0.isNew) }
            items = preview.items.map { item in
                Item(object: item.objectIdentifier, key: item.key, title: item.title, module: item.module, state: item.state.rawValue,
                     changes: item.changes.map { Change(field: $0.field, before: $0.before, after: $0.after) }, moved: item.moved)
            }
            newLinks = preview.newLinks
            unchangedLinks = preview.unchangedLinks
            missingLinks = preview.missingLinks
            keptForExportOnly = preview.keptOnly
            warnings = preview.warnings
            summary = preview.summary
        }

        static let schema = JSONSchema.object([
            ("modules", .array(.object([("identifier", .string(description: "SPECIFICATION IDENTIFIER, or unplaced")), ("name", .string()),
                                        ("prefix", .nullable(.string())), ("new", .boolean())], required: ["identifier", "name", "new"]))),
            ("items", .array(.object([
                ("object", .string(description: "SPEC-OBJECT IDENTIFIER")), ("key", .nullable(.string(description: "SESA key; null while new"))),
                ("title", .string()), ("module", .string()),
                ("state", .string(enumValues: ReqIFImporter.State.allCases.map(\.rawValue))),
                ("changes", .array(.object([("field", .string()), ("before", .string()), ("after", .string())], required: ["field", "before", "after"]))),
                ("moved", .boolean()),
            ], required: ["object", "title", "module", "state", "changes", "moved"]))),
            ("new_links", .array(.string())), ("unchanged_links", .integer()), ("missing_links", .array(.string())),
            ("kept_for_export_only", .integer(description: "Hierarchy nodes and relations whose objects the file lacks")),
            ("warnings", .array(.string())), ("summary", .string()),
        ], required: ["modules", "items", "new_links", "unchanged_links", "missing_links", "kept_for_export_only", "warnings", "summary"])
    }

    struct PreviewsDTO: Content {
        var documents: [PreviewDTO]
        static let schema = JSONSchema.object([("documents", .array(.ref("ReqIFImportPreview")))], required: ["documents"])
    }

    struct AcceptedDTO: Content {
        var job: String
        var url: String
        static let schema = JSONSchema.object([("job", .string(format: "uuid")), ("url", .string(description: "Poll this job"))],
                                              required: ["job", "url"])
    }
}

extension ImportDTOs {
    /// A saved ReqIF field mapping: per source tool, attribute LONG-NAME → target (only the non-default choices).
    struct MappingDTO: Content {
        var tool: String
        var entries: [String: String]

        static let targets = ReqIFFieldMapping.Target.allCases.map(\.code)
        static let schema = JSONSchema.object([
            ("tool", .string(description: "The source tool as the files name it (THE-HEADER's SOURCE-TOOL-ID, else REQ-IF-TOOL-ID)")),
            ("entries", .map(.string(enumValues: targets), description: "Attribute LONG-NAME → ReqIF.Text, ReqIF.Name, "
                             + "ReqIF.ChapterName, ReqIF.Description or custom; names not listed map by default")),
        ], required: ["tool", "entries"])
    }

    struct MappingsDTO: Content {
        var items: [MappingDTO]
        static let schema = JSONSchema.object([("items", .array(.ref("ReqIFMapping")))], required: ["items"])
    }
}
