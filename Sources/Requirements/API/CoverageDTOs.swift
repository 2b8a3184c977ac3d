import Platform
import Vapor

/// JSON shapes of coverage definitions and project coverage.
enum CoverageDTOs {
    struct DefinitionDTO: Content {
        var id: String
        var title: String
        var sourceKind: String
        var linkKind: String
        var direction: String
        var targetKind: String?
        var gap: String?

        enum CodingKeys: String, CodingKey {
            case id, title, direction, gap
            case sourceKind = "source_kind"
            case linkKind = "link_kind"
            case targetKind = "target_kind"
        }

        init(_ question: TraceQueries.CoverageQuestion) {
            id = question.id
            title = question.title
            sourceKind = question.sourceKind
            linkKind = question.linkKind
            direction = CoverageDefinitions.directionName(question.direction)
            targetKind = question.targetKind
            gap = question.gap
        }

        var parts: [String] { [id, title, sourceKind, linkKind, direction, targetKind ?? "*", gap ?? ""] }

        static let schema = JSONSchema.object([
            ("id", .string(description: "1–40 lower-case letters, digits or -")), ("title", .string()),
            ("source_kind", .string(description: "Artifact kind whose artifacts are measured, e.g. requirement")),
            ("link_kind", .string(description: "Registered link kind, e.g. verifies")),
            ("direction", .string(enumValues: ["downstream", "upstream", "both"], description: "downstream: the source artifact is the link's source")),
            ("target_kind", .nullable(.string(description: "Kind the far end must have; null for any"))),
            ("gap", .string(description: "Label of the gap list on module quality pages; empty for none")),
        ], required: ["id", "title", "source_kind", "link_kind", "direction"])
    }

    struct DefinitionsInput: Content {
        var definitions: [DefinitionDTO]
    }

    struct ProjectCoverageDTO: Content {
        var definition: DefinitionDTO
        var total: Int
        var covered: Int
        var share: Double

        static let schema = JSONSchema.object([
            ("definition", .ref("CoverageDefinition")), ("total", .integer()), ("covered", .integer()), ("share", .number()),
        ], required: ["definition", "total", "covered", "share"])
    }
}
