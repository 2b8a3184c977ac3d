import SesaTesting
import Testing
import Vapor

/// The composed route table: modules register into shared project groups, and Vapor lets a later registration of
/// the same method and path silently replace an earlier one — so no two routes may collide.
@Suite struct RouteTableTests {
    @Test func everyMethodAndPathIsRegisteredOnce() async throws {
        try await withApp(on: .sqlite, worker: false) { app in
            var seen: [String: Int] = [:]
            for route in app.routes.all {
                let path = route.path.map { component -> String in
                    if case .parameter = component { return ":" }  // parameter names do not tell routes apart
                    return component.description
                }.joined(separator: "/")
                seen["\(route.method.rawValue) /\(path)", default: 0] += 1
            }
            let twice = seen.filter { $0.value > 1 }.keys.sorted()
            #expect(twice.isEmpty, "registered more than once: \(twice.joined(separator: ", "))")
            #expect(seen.count > 200)
        }
    }
}
