import Artifacts
import Foundation
import Platform
import TraceEngine
import Vapor

/// JSON shapes of interfaces and the N² matrix.
enum InterfaceDTOs {
    struct InterfaceDTO: Content {
        var key: String
        var title: String
        var version: Int
        var sideA: String
        var sideB: String
        var type: String
        var direction: String
        var medium: String
        var status: String
        var description: String
        var owner: String
        var interfaceID: String
        var sideAOrg: String
        var sideBOrg: String

        enum CodingKeys: String, CodingKey {
            case key, title, version, type, direction, medium, status, description, owner
            case sideA = "side_a"
            case sideB = "side_b"
            case interfaceID = "interface_id"
            case sideAOrg = "side_a_org"
            case sideBOrg = "side_b_org"
        }

        init(_ row: InterfaceQueries.Row) {
            owner = row.ownerCode
            interfaceID = row.projectInterfaceID
            sideAOrg = row.sideAOrganisation
            sideBOrg = row.sideBOrganisation
            key = row.key
            title = row.title
            version = row.version
            sideA = row.sideAKey
            sideB = row.sideBKey
            type = row.type
            direction = row.direction.rawValue
            medium = row.medium
            status = row.status.rawValue
            description = row.description
        }

        static let schema = JSONSchema.object([
            ("key", .string(description: "Stable key, e.g. IF-012")), ("title", .string()), ("version", .integer()),
            ("side_a", .string(description: "Key of the element at side A")), ("side_b", .string(description: "Key of the element at side B")),
            ("type", .string(description: "One of the project's interface types")),
            ("direction", .string(enumValues: N2Matrix.Direction.allCases.map(\.rawValue))), ("medium", .string()),
            ("status", .string(enumValues: SystemInterface.Status.allCases.map(\.rawValue))), ("description", .string()),
            ("owner", .string(description: "Owner organisation's code, or empty")),
            ("interface_id", .string(description: "The project's interface id, unique in the project, or empty")),
            ("side_a_org", .string(description: "Organisation at side A: the one given, else the element's owner")),
            ("side_b_org", .string(description: "Organisation at side B: the one given, else the element's owner")),
        ], required: ["key", "title", "version", "side_a", "side_b", "type", "direction", "medium", "status", "description",
                      "owner", "interface_id", "side_a_org", "side_b_org"])
    }

    struct InterfaceList: Content {
        var items: [InterfaceDTO]
    }

    struct InterfaceInput: Content {
        var key: String?
        var version: Int?
        var title: String?
        var sideA: String?
        var sideB: String?
        var type: String?
        var direction: String?
        var medium: String?
        var status: String?
        var description: String?
        var owner: String?
        var interfaceID: String?
        var sideAOrg: String?
        var sideBOrg: String?

        enum CodingKeys: String, CodingKey {
            case key, version, title, type, direction, medium, status, description, owner
            case sideA = "side_a"
            case sideB = "side_b"
            case interfaceID = "interface_id"
            case sideAOrg = "side_a_org"
            case sideBOrg = "side_b_org"
        }

        static let schema = JSONSchema.object([
            ("key", .string(description: "Create only: a key of your own; allocated (IF-###) when absent")),
            ("version", .integer(description: "Update only: the version you edited")), ("title", .string()),
            ("side_a", .string(description: "Element key")), ("side_b", .string(description: "Element key")),
            ("type", .string()), ("direction", .string(enumValues: N2Matrix.Direction.allCases.map(\.rawValue))),
            ("medium", .string()), ("status", .string(enumValues: SystemInterface.Status.allCases.map(\.rawValue))),
            ("description", .string()), ("owner", .string(description: "Organisation code")),
            ("interface_id", .string(description: "The project's interface id (unique in the project)")),
            ("side_a_org", .string(description: "Organisation code at side A; empty: the element's owner")),
            ("side_b_org", .string(description: "Organisation code at side B; empty: the element's owner")),
        ], required: ["title", "side_a", "side_b", "type"])
    }

    struct GapsDTO: Content {
        var crossOrganisation: [InterfaceDTO]
        var unassignedSides: [String]
        var elementsWithoutInterfaces: [String]
        var interfacesWithoutRequirements: [String]
        var packagesWithoutElements: [String]

        enum CodingKeys: String, CodingKey {
            case crossOrganisation = "cross_organisation"
            case unassignedSides = "unassigned_sides"
            case elementsWithoutInterfaces = "elements_without_interfaces"
            case interfacesWithoutRequirements = "interfaces_without_requirements"
            case packagesWithoutElements = "packages_without_elements"
        }

        init(_ gaps: InterfaceGaps) {
            crossOrganisation = gaps.crossOrganisation.map(InterfaceDTO.init)
            unassignedSides = gaps.unassignedSides.map(\.key)
            elementsWithoutInterfaces = gaps.elementsWithoutInterfaces.map(\.key)
            interfacesWithoutRequirements = gaps.interfacesWithoutRequirements.map(\.key)
            packagesWithoutElements = gaps.packagesWithoutElements.map(\.key)
        }

        static let schema = JSONSchema.object([
            ("cross_organisation", .array(.ref("Interface"))), ("unassigned_sides", .array(.string())),
            ("elements_without_interfaces", .array(.string())), ("interfaces_without_requirements", .array(.string())),
            ("packages_without_elements", .array(.string())),
        ], required: ["cross_organisation", "unassigned_sides", "elements_without_interfaces", "interfaces_without_requirements",
                      "packages_without_elements"])
    }

    struct TypesDTO: Content {
        var types: [String]
        static let schema = JSONSchema.object([("types", .array(.string()))], required: ["types"])
    }

    struct MatrixDTO: Content {
        struct Element: Content {
            var key: String
            var title: String
        }
        struct Cell: Content {
            var from: String
            var to: String
            var interfaces: [String]
            var directed: Int
        }
        var level: String
        var elements: [Element]
        var cells: [Cell]
        var outside: [String]

        init(_ view: N2View) {
            level = view.level
            elements = view.matrix.rows.indices.map { Element(key: view.element(row: $0).key, title: view.element(row: $0).title) }
            var cells: [Cell] = []
            for row in view.matrix.rows.indices {
                for column in view.matrix.rows.indices {
                    let entries = view.matrix.cell(row, column)
                    guard !entries.isEmpty else { continue }
                    cells.append(Cell(from: view.element(row: row).key, to: view.element(row: column).key,
                                      interfaces: entries.map { view.interfaces[$0.interface].key },
                                      directed: entries.filter(\.directed).count))
                }
            }
            self.cells = cells
            outside = view.matrix.outside.map { view.interfaces[$0].key }
        }

        static let schema = JSONSchema.object([
            ("level", .string()),
            ("elements", .array(.object([("key", .string()), ("title", .string())], required: ["key", "title"]),
                                description: "The diagonal, in tree order")),
            ("cells", .array(.object([
                ("from", .string()), ("to", .string(description: "Equal to from: interfaces inside the element")),
                ("interfaces", .array(.string(), description: "Keys of the interfaces flowing from → to")),
                ("directed", .integer(description: "How many of them have a direction (the rest are undirected)")),
            ], required: ["from", "to", "interfaces", "directed"]), description: "Non-empty cells only")),
            ("outside", .array(.string(), description: "Interfaces with an end under no shown element")),
        ], required: ["level", "elements", "cells", "outside"])
    }
}
