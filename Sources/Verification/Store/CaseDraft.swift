import Artifacts
import Foundation
import Platform

/// What a person says about a test case, before validation.
public struct CaseDraft: Sendable, Equatable {
    public struct Step: Codable, Sendable, Equatable {
        public var action: String
        public var expected: String
        public init(action: String, expected: String) {
            self.action = action
            self.expected = expected
        }
    }

    public var title: String
    public var method: TestCase.Method
    public var status: TestCase.Status
    public var preconditions: String
    public var environment: String
    public var steps: [Step]
    /// Keys of the requirements the case verifies; nil leaves its `verifies` links as they are.
    public var verifies: [String]?

    public init(title: String, method: TestCase.Method = .test, status: TestCase.Status = .draft, preconditions: String = "",
                environment: String = "", steps: [Step] = [], verifies: [String]? = nil)
    {
        self.title = title
        self.method = method
        self.status = status
        self.preconditions = preconditions
        self.environment = environment
        self.steps = steps
        self.verifies = verifies
    }

    /// Trimmed, empty steps dropped, every problem named at once.
    func validated() throws -> CaseDraft {
        var draft = self
        draft.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.preconditions = preconditions.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.environment = environment.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.steps = steps.map { Step(action: $0.action.trimmingCharacters(in: .whitespacesAndNewlines),
                                       expected: $0.expected.trimmingCharacters(in: .whitespacesAndNewlines)) }
            .filter { !$0.action.isEmpty || !$0.expected.isEmpty }
        draft.verifies = verifies.map { keys in
            var unique: [String] = []
            for key in keys.map({ $0.trimmingCharacters(in: .whitespaces) }) where !key.isEmpty && !unique.contains(key) { unique.append(key) }
            return unique
        }
        var errors: [ProblemDetails.FieldError] = []
        if draft.title.isEmpty || draft.title.count > 200 { errors.append(.init(field: "title", reason: "the title must be 1–200 characters")) }
        if draft.preconditions.count > 20_000 { errors.append(.init(field: "preconditions", reason: "the preconditions must be at most 20,000 characters")) }
        if draft.environment.count > 500 { errors.append(.init(field: "environment", reason: "the environment must be at most 500 characters")) }
        if draft.steps.count > 500 { errors.append(.init(field: "steps", reason: "a case has at most 500 steps; split it")) }
        for (index, step) in draft.steps.enumerated() where step.action.isEmpty {
            errors.append(.init(field: "steps", reason: "step \(index + 1) has an expected result but no action"))
        }
        if draft.steps.contains(where: { $0.action.count > 5_000 || $0.expected.count > 5_000 }) {
            errors.append(.init(field: "steps", reason: "an action or expected result must be at most 5,000 characters"))
        }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        return draft
    }

    var stepsJSON: String { Self.json(steps) }

    func fields(automationID: String?) -> ArtifactFields {
        ["method": .string(method.rawValue), "status": .string(status.rawValue), "preconditions": .string(preconditions),
         "environment": .string(environment), "steps": .string(stepsJSON), "automation_id": .string(automationID ?? "")]
    }

    static func json(_ steps: [Step]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(steps)) ?? Data("[]".utf8), as: UTF8.self)
    }

    public static func steps(fromJSON text: String) -> [Step] {
        (try? JSONDecoder().decode([Step].self, from: Data(text.utf8))) ?? []
    }
}
