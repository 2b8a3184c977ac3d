import Foundation
import Platform

/// The verification pages: their paths.
public enum VerificationRoute: Sendable {
    case cases(project: String)
    case testCase(project: String, key: String)
    case plans(project: String)
    case plan(project: String, key: String)
    case sets(project: String)
    case set(project: String, key: String)
    case runs(project: String)
    case run(project: String, number: Int)
    case evidence(project: String, number: Int, id: UUID)
    case defects(project: String)
    case defect(project: String, key: String)
    case rvtm(project: String)
    case coverage(project: String)
    case snapshot(project: String, id: UUID)

    public var path: String {
        func base(_ project: String) -> String { "/projects/" + PathSegment.encode(project) + "/verification" }
        switch self {
        case .cases(let project): return base(project) + "/cases"
        case .testCase(let project, let key): return base(project) + "/cases/" + PathSegment.encodeKey(key)
        case .plans(let project): return base(project) + "/plans"
        case .plan(let project, let key): return base(project) + "/plans/" + PathSegment.encodeKey(key)
        case .sets(let project): return base(project) + "/sets"
        case .set(let project, let key): return base(project) + "/sets/" + PathSegment.encodeKey(key)
        case .runs(let project): return base(project) + "/runs"
        case .run(let project, let number): return base(project) + "/runs/\(number)"
        case .evidence(let project, let number, let id): return base(project) + "/runs/\(number)/evidence/" + id.uuidString.lowercased()
        case .defects(let project): return base(project) + "/defects"
        case .defect(let project, let key): return base(project) + "/defects/" + PathSegment.encodeKey(key)
        case .rvtm(let project): return "/projects/" + PathSegment.encode(project) + "/rvtm"
        case .coverage(let project): return base(project) + "/coverage"
        case .snapshot(let project, let id): return base(project) + "/coverage/snapshots/" + id.uuidString.lowercased()
        }
    }
}
