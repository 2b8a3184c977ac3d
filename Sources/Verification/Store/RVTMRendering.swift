import Fluent
import Foundation
import Platform

/// The RVTM page rendered outside a request (for `sesa-bench`): the same queries, matrix and HTML as the route.
public enum RVTMRendering {
    /// Returns the rendered page's size in bytes.
    public static func render(access: ProjectAccess, filter: RVTM.Filter = .init(), assets: AssetManifest, on db: any Database) async throws -> Int {
        let rvtm = try await RVTM.build(projectID: access.projectID, filter: filter, on: db)
        let page = RVTMPage(access: access, rvtm: rvtm, filter: filter,
                            modules: try await VerificationQueries.modulePrefixes(projectID: access.projectID, on: db),
                            runNumbers: try await CoverageAPIController.runNumbers(access.projectID, on: db))
        let context = PageContext(navigation: [], currentPath: "/", assets: assets, version: "bench", environment: .production)
        return page.document(in: context).utf8.count
    }
}
