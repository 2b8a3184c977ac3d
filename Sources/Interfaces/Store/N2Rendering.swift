import Fluent
import Foundation
import Platform

/// The N² page's work without HTTP — the same queries and the same Plot page the handler renders — so
/// `sesa-bench` can time a 300 × 300 matrix on its own.
public enum N2Rendering {
    /// Returns the rendered page's size in bytes.
    public static func render(access: ProjectAccess, level: String, assets: AssetManifest, on db: any Database) async throws -> Int {
        let (view, levels) = try await N2View.load(projectID: access.projectID, level: level, filter: .init(), on: db)
        let types = try await InterfaceSettings.of(access.projectID, on: db).typeList
        let page = N2Page(access: access, view: view, levels: levels, types: types, filter: .init())
        let context = PageContext(navigation: [], currentPath: "/", assets: assets, version: "bench", environment: .production)
        return page.document(in: context).utf8.count
    }
}
