import Fluent
import Foundation
import Platform

/// The document page's work without HTTP — the same query and the same Plot page the handler renders — so
/// `sesa-bench` can time a large module's page on its own.
public enum DocumentRendering {
    /// Returns the rendered page's size in bytes.
    public static func render(access: ProjectAccess, modulePrefix: String, assets: AssetManifest, on db: any Database)
        async throws -> Int
    {
        guard let module = try await RequirementQueries.module(prefix: modulePrefix, projectID: access.projectID, on: db) else {
            throw RequirementInvalid(field: "module", "there is no module \(modulePrefix)")
        }
        let settings = try await RequirementSettings.of(access.projectID, on: db)
        let rows = try await RequirementQueries.document(module: module, disabledRules: settings.disabledRuleSet, on: db)
        let attributes = try await RequirementStore.attributes(of: try module.requireID(), on: db)
        let page = DocumentPage(access: access, module: module, rows: rows, types: settings.typeList, attributes: attributes,
                                csrfToken: "benchmark")
        let context = PageContext(navigation: [], currentPath: "/", assets: assets, version: "bench", environment: .production)
        return page.document(in: context).utf8.count
    }
}
