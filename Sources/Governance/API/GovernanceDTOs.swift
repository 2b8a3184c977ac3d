import Foundation
import Platform
import Vapor

/// JSON shapes of phases, delivery organisations and design packages.
enum GovernanceDTOs {
    struct OrganisationDTO: Content {
        var code: String
        var name: String
        var kind: String

        init(_ org: DeliveryOrganisation) {
            code = org.code
            name = org.name
            kind = org.kind.rawValue
        }

        static let schema = JSONSchema.object([
            ("code", .string(description: "Unique in the project, e.g. ACME")), ("name", .string()),
            ("kind", .string(enumValues: DeliveryOrganisation.Kind.allCases.map(\.rawValue))),
        ], required: ["code", "name", "kind"])
    }

    struct OrganisationInput: Content {
        var code: String?
        var name: String?
        var kind: String?
        static let schema = JSONSchema.object([
            ("code", .string()), ("name", .string()), ("kind", .string(enumValues: DeliveryOrganisation.Kind.allCases.map(\.rawValue))),
        ], required: ["code", "name"])
    }

    struct PhaseDTO: Content {
        var id: UUID
        var position: Int
        var name: String
        var startsOn: String
        var endsOn: String
        var gateCriteria: String
        var status: String

        enum CodingKeys: String, CodingKey {
            case id, position, name, status
            case startsOn = "starts_on"
            case endsOn = "ends_on"
            case gateCriteria = "gate_criteria"
        }

        init(_ phase: Phase) {
            id = phase.id!
            position = phase.position
            name = phase.name
            startsOn = phase.startsOn
            endsOn = phase.endsOn
            gateCriteria = phase.gateCriteria
            status = phase.status.rawValue
        }

        static let schema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("position", .integer(minimum: 1)), ("name", .string()),
            ("starts_on", .string(description: "yyyy-mm-dd or empty")), ("ends_on", .string(description: "yyyy-mm-dd or empty")),
            ("gate_criteria", .string()), ("status", .string(enumValues: Phase.Status.allCases.map(\.rawValue))),
        ], required: ["id", "position", "name", "starts_on", "ends_on", "gate_criteria", "status"])
    }

    struct PhaseInput: Content {
        var name: String?
        var startsOn: String?
        var endsOn: String?
        var gateCriteria: String?
        var status: String?

        enum CodingKeys: String, CodingKey {
            case name, status
            case startsOn = "starts_on"
            case endsOn = "ends_on"
            case gateCriteria = "gate_criteria"
        }

        func draft() throws -> PhaseDraft {
            PhaseDraft(name: name ?? "", startsOn: startsOn ?? "", endsOn: endsOn ?? "", gateCriteria: gateCriteria ?? "",
                       status: try GovernanceRequest.phaseStatus(status))
        }

        static let schema = JSONSchema.object([
            ("name", .string()), ("starts_on", .string()), ("ends_on", .string()), ("gate_criteria", .string()),
            ("status", .string(enumValues: Phase.Status.allCases.map(\.rawValue))),
        ], required: ["name"])
    }

    struct PackageDTO: Content {
        struct Item: Content {
            var key: String
            var kind: String
            var title: String
            /// The section's columns by id (level, owner, side_a, …).
            var details: [String: String]
        }

        var key: String
        var title: String
        var version: Int
        var owner: String
        var phase: String
        var status: String
        var description: String
        var contents: [Item]?

        init(_ row: GovernanceQueries.PackageRow, report: PackageReport? = nil) {
            key = row.key
            title = row.title
            version = row.version
            owner = row.ownerCode
            phase = row.phaseName
            status = row.status.rawValue
            description = row.description
            contents = report.map { report in
                report.sections.flatMap { section in
                    section.lines.map { line in
                        Item(key: line.content.key, kind: line.content.kind, title: line.content.title,
                             details: Dictionary(uniqueKeysWithValues: zip(section.columns.map(\.id), line.values)))
                    }
                }
            }
        }

        static let schema = JSONSchema.object([
            ("key", .string(description: "Stable key, e.g. DP-003")), ("title", .string()), ("version", .integer()),
            ("owner", .string(description: "Owner organisation's code, or empty")), ("phase", .string(description: "Phase name, or empty")),
            ("status", .string(enumValues: DesignPackage.Status.allCases.map(\.rawValue))), ("description", .string()),
            ("contents", .array(.object([("key", .string()), ("kind", .string()), ("title", .string()), ("details", .map(.string()))],
                                        required: ["key", "kind", "title", "details"]), description: "Single package only: its elements and interfaces")),
        ], required: ["key", "title", "version", "owner", "phase", "status", "description"])
    }

    struct PackageInput: Content {
        var key: String?
        var version: Int?
        var title: String?
        var owner: String?
        var phase: String?
        var status: String?
        var description: String?

        static let schema = JSONSchema.object([
            ("key", .string(description: "Create only: a key of your own; allocated (DP-###) when absent")),
            ("version", .integer(description: "Update only: the version you edited")), ("title", .string()),
            ("owner", .string(description: "Organisation code")), ("phase", .string(description: "Phase name")),
            ("status", .string(enumValues: DesignPackage.Status.allCases.map(\.rawValue))), ("description", .string()),
        ], required: ["title"])
    }

    struct ContentInput: Content {
        var key: String
        static let schema = JSONSchema.object([("key", .string(description: "An element or interface key"))], required: ["key"])
    }

    struct Items<T: Content>: Content {
        var items: [T]
    }
}
