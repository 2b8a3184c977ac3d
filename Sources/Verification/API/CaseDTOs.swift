import Artifacts
import Foundation
import Platform
import Vapor

/// JSON of cases, plans and sets.
enum CaseDTOs {
    struct StepDTO: Content {
        var action: String
        var expected: String
        static let schema = JSONSchema.object([("action", .string()), ("expected", .string())], required: ["action", "expected"])
    }

    struct CaseDTO: Content {
        var key: String
        var title: String
        var version: Int
        var method: String
        var status: String
        var preconditions: String
        var environment: String
        var steps: [StepDTO]
        var verifies: [String]
        var automated: Bool
        var automationID: String?
        enum CodingKeys: String, CodingKey {
            case key, title, version, method, status, preconditions, environment, steps, verifies, automated
            case automationID = "automation_id"
        }

        init(_ artifact: Artifact, _ row: TestCase, verifies: [String]) {
            key = artifact.key
            title = artifact.title
            version = artifact.version
            method = row.method.rawValue
            status = row.status.rawValue
            preconditions = row.preconditions
            environment = row.environment
            steps = CaseDraft.steps(fromJSON: row.steps).map { .init(action: $0.action, expected: $0.expected) }
            self.verifies = verifies
            automated = row.automated
            automationID = row.automationID
        }

        static let schema = JSONSchema.object([
            ("key", .string()), ("title", .string()), ("version", .integer()),
            ("method", .string(enumValues: TestCase.Method.allCases.map(\.rawValue))),
            ("status", .string(enumValues: TestCase.Status.allCases.map(\.rawValue))),
            ("preconditions", .string()), ("environment", .string()), ("steps", .array(StepDTO.schema)),
            ("verifies", .array(.string(), description: "Keys of the requirements it verifies")),
            ("automated", .boolean(description: "Created by CI ingestion for a test naming a requirement")),
            ("automation_id", .nullable(.string(description: "The CI test's full name"))),
        ], required: ["key", "title", "version", "method", "status", "preconditions", "environment", "steps", "verifies", "automated"])
    }

    struct CaseInput: Content {
        var key: String?
        var title: String?
        var method: String?
        var status: String?
        var preconditions: String?
        var environment: String?
        var steps: [StepDTO]?
        var verifies: [String]?
        var version: Int?

        static let schema = JSONSchema.object([
            ("key", .string(description: "Optional on create; TC-### when absent")), ("title", .string()),
            ("method", .string(enumValues: TestCase.Method.allCases.map(\.rawValue))),
            ("status", .string(enumValues: TestCase.Status.allCases.map(\.rawValue))),
            ("preconditions", .string()), ("environment", .string()), ("steps", .array(StepDTO.schema)),
            ("verifies", .array(.string(), description: "Requirement keys; absent on update leaves the links alone")),
            ("version", .integer(description: "On update: the version you edited")),
        ], required: ["title"])

        func draft() throws -> CaseDraft {
            CaseDraft(title: title ?? "", method: try VerificationRequest.parse(method, TestCase.Method.self, field: "method", default: .test),
                      status: try VerificationRequest.parse(status, TestCase.Status.self, field: "status", default: .draft),
                      preconditions: preconditions ?? "", environment: environment ?? "",
                      steps: (steps ?? []).map { .init(action: $0.action, expected: $0.expected) }, verifies: verifies)
        }
    }

    struct PlanDTO: Content {
        struct Activity: Content {
            var id: UUID
            var title: String
            var method: String
            var responsible: String
            var dueOn: String
            var status: String
            enum CodingKeys: String, CodingKey { case id, title, method, responsible, status; case dueOn = "due_on" }
        }
        var key: String
        var title: String
        var version: Int
        var status: String
        var phase: String
        var modules: [String]
        var query: String
        var description: String
        var activities: [Activity]
        var coverage: [String: Int]

        static let activitySchema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("title", .string()), ("method", .string()), ("responsible", .string()),
            ("due_on", .string(description: "yyyy-mm-dd or empty")),
            ("status", .string(enumValues: VerificationActivity.Status.allCases.map(\.rawValue))),
        ], required: ["id", "title", "method", "responsible", "due_on", "status"])
        static let schema = JSONSchema.object([
            ("key", .string()), ("title", .string()), ("version", .integer()),
            ("status", .string(enumValues: VerificationPlan.Status.allCases.map(\.rawValue))), ("phase", .string()),
            ("modules", .array(.string(), description: "Requirement module prefixes in scope (none: all)")),
            ("query", .string(description: "Words every requirement in scope contains")), ("description", .string()),
            ("activities", .array(activitySchema)),
            ("coverage", .map(.integer(), description: "Requirements in scope by status: verified, stale, failed, blocked, unverified")),
        ], required: ["key", "title", "version", "status", "phase", "modules", "query", "description", "activities", "coverage"])
    }

    struct PlanInput: Content {
        var title: String?
        var status: String?
        var phase: String?
        var modules: [String]?
        var query: String?
        var description: String?
        var version: Int?

        static let schema = JSONSchema.object([
            ("title", .string()), ("status", .string(enumValues: VerificationPlan.Status.allCases.map(\.rawValue), description: "Leads approve")),
            ("phase", .string(description: "A phase name of the project")), ("modules", .array(.string())), ("query", .string()),
            ("description", .string()), ("version", .integer(description: "On update: the version you edited")),
        ], required: ["title"])

        func draft() throws -> PlanStore.Draft {
            .init(title: title ?? "", status: try VerificationRequest.parse(status, VerificationPlan.Status.self, field: "status", default: .draft),
                  phase: phase ?? "", modules: modules ?? [], query: query ?? "", description: description ?? "")
        }
    }

    struct ActivityInput: Content {
        var title: String?
        var method: String?
        var responsible: String?
        var dueOn: String?
        var status: String?
        enum CodingKeys: String, CodingKey { case title, method, responsible, status; case dueOn = "due_on" }

        static let schema = JSONSchema.object([
            ("title", .string()), ("method", .string(description: "test, analysis, inspection, demonstration or review")),
            ("responsible", .string()), ("due_on", .string(description: "yyyy-mm-dd")),
            ("status", .string(enumValues: VerificationActivity.Status.allCases.map(\.rawValue))),
        ], required: ["title"])

        func draft() throws -> PlanStore.ActivityDraft {
            .init(title: title ?? "", method: method ?? "test", responsible: responsible ?? "", dueOn: dueOn ?? "",
                  status: try VerificationRequest.parse(status, VerificationActivity.Status.self, field: "activity_status", default: .planned))
        }
    }

    struct SetDTO: Content {
        var key: String
        var title: String
        var version: Int
        var purpose: String
        var description: String
        var cases: [String]

        init(_ artifact: Artifact, _ set: TestSet, cases: [String]) {
            key = artifact.key
            title = artifact.title
            version = artifact.version
            purpose = set.purpose
            description = set.description
            self.cases = cases
        }

        static let schema = JSONSchema.object([
            ("key", .string()), ("title", .string()), ("version", .integer()), ("purpose", .string(enumValues: SetStore.purposes)),
            ("description", .string()), ("cases", .array(.string(), description: "Case keys in order")),
        ], required: ["key", "title", "version", "purpose", "description", "cases"])
    }

    struct SetInput: Content {
        var title: String?
        var purpose: String?
        var description: String?
        var cases: [String]?
        var version: Int?
        static let schema = JSONSchema.object([
            ("title", .string()), ("purpose", .string(enumValues: SetStore.purposes)), ("description", .string()),
            ("cases", .array(.string())), ("version", .integer(description: "On update: the version you edited")),
        ], required: ["title"])
        func draft() -> SetStore.Draft { .init(title: title ?? "", purpose: purpose ?? "campaign", description: description ?? "", cases: cases ?? []) }
    }
}
