import Fluent
import Foundation

/// An organisation that delivers part of the project (a supplier, the integrator, the customer): it owns
/// elements, interfaces and design packages and receives scope.
public final class DeliveryOrganisation: Model, @unchecked Sendable {
    public static let schema = "delivery_organisations"

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case supplier, integrator, customer, partner
        case inHouse = "internal"
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    /// Short and unique in the project (`ACME`); how sheets, the API and the N² filter name it.
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Enum(key: "kind") public var kind: Kind

    public init() {}

    /// "ACME Avionics (ACME)".
    public var label: String { "\(name) (\(code))" }
}
