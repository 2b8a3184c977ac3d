import Artifacts
import Foundation
import Platform

/// A delivery organisation as a person enters it, before validation.
public struct OrganisationDraft: Sendable, Equatable {
    public var code: String
    public var name: String
    public var kind: DeliveryOrganisation.Kind

    public init(code: String, name: String, kind: DeliveryOrganisation.Kind = .supplier) {
        self.code = code
        self.name = name
        self.kind = kind
    }

    func validated() throws -> OrganisationDraft {
        var draft = self
        draft.code = code.trimmingCharacters(in: .whitespaces).uppercased()
        draft.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if draft.code.isEmpty || draft.code.count > 16
            || !draft.code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        {
            errors.append(.init(field: "code", reason: "the code must be 1–16 letters A–Z, digits or -, e.g. ACME"))
        }
        if draft.name.isEmpty || draft.name.count > 200 { errors.append(.init(field: "name", reason: "the name must be 1–200 characters")) }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        return draft
    }
}

/// A phase as a person enters it, before validation.
public struct PhaseDraft: Sendable, Equatable {
    public var name: String
    public var startsOn: String
    public var endsOn: String
    public var gateCriteria: String
    public var status: Phase.Status

    public init(name: String, startsOn: String = "", endsOn: String = "", gateCriteria: String = "", status: Phase.Status = .planned) {
        self.name = name
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.gateCriteria = gateCriteria
        self.status = status
    }

    func validated() throws -> PhaseDraft {
        var draft = self
        draft.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.startsOn = startsOn.trimmingCharacters(in: .whitespaces)
        draft.endsOn = endsOn.trimmingCharacters(in: .whitespaces)
        draft.gateCriteria = gateCriteria.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if draft.name.isEmpty || draft.name.count > 100 { errors.append(.init(field: "name", reason: "the name must be 1–100 characters")) }
        for (field, value) in [("starts_on", draft.startsOn), ("ends_on", draft.endsOn)] where !value.isEmpty && !Self.isDate(value) {
            errors.append(.init(field: field, reason: "“\(value)” is not a date as yyyy-mm-dd"))
        }
        if Self.isDate(draft.startsOn), Self.isDate(draft.endsOn), draft.endsOn < draft.startsOn {
            errors.append(.init(field: "ends_on", reason: "the phase cannot end (\(draft.endsOn)) before it starts (\(draft.startsOn))"))
        }
        if draft.gateCriteria.count > 20_000 {
            errors.append(.init(field: "gate_criteria", reason: "the gate criteria must be at most 20,000 characters"))
        }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        return draft
    }

    /// yyyy-mm-dd naming a real day (2026-02-30 is not one).
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
        else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }
}
