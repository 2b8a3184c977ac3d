import Fluent
import Foundation

/// A programme: a named group of projects. Kept in Platform because projects, which every module scopes by,
/// refer to it.
public final class Program: Model, @unchecked Sendable {
    public static let schema = "programs"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    // data fields
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String

    public init() {}

    public init(name: String, description: String) {
        self.name = name
        self.description = description
    }
}
