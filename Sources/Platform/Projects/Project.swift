import Fluent
import Foundation

/// A project: the scope of every artifact, membership and audit row. Its key (`ATC`) is stable: it appears in
/// URLs and artifact keys, so it is never renamed.
public final class Project: Model, @unchecked Sendable {
    public static let schema = "projects"

    public enum Status: String, Sendable, Codable, CaseIterable {
        case active, archived
    }

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    // data fields
    @Field(key: "key") public var key: String
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String
    @Field(key: "status") public var status: Status
    @OptionalParent(key: "program_id") public var program: Program?

    public init() {}

    public init(key: String, name: String, description: String, programID: UUID?) {
        self.key = key
        self.name = name
        self.description = description
        self.status = .active
        self.$program.id = programID
    }

    /// 2–10 characters: an upper-case letter, then upper-case letters or digits.
    public static func isValid(key: String) -> Bool {
        key.wholeMatch(of: /[A-Z][A-Z0-9]{1,9}/) != nil
    }
}
