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

        enum CodingKeys: String, CodingKey {
            case key, title, version, type, direction, medium, status, description
            case sideA = "side_a"
            case sideB = "side_b"
        }

        init(_ row: InterfaceQueries.Row) {
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
        ], required: ["key", "title", "version", "side_a", "side_b", "type", "direction", "medium", "status", "description"])
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

        enum CodingKeys: String, CodingKey {
            case key, version, title, type, direction, medium, status, description
            case sideA = "side_a"
            case sideB = "side_b"
        }

        static let schema = JSONSchema.object([
            ("key", .string(description: "Create only: a key of your own; allocated (IF-###) when absent")),
            ("version", .integer(description: "Update only: the version you edited")), ("title", .string()),
            ("side_a", .string(description: "Element key")), ("side_b", .string(description: "Element key")),
            ("type", .string()), ("direction", .string(enumValues: N2Matrix.Direction.allCases.map(\.rawValue))),
            ("medium", .string()), ("status", .string(enumValues: SystemInterface.Status.allCases.map(\.rawValue))),
            ("description", .string()),
        ], required: ["title", "side_a", "side_b", "type"])
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
