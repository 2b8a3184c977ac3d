import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// Verification and validation: plans, cases, sets, runs, results with evidence, defects, CI ingestion, the RVTM,
/// coverage snapshots and the coverage dashboard.
public enum VerificationModule {
    public static let migrations: [any Migration] = [CreateVerification()]

    public static func register(on app: Application) {
        VerificationKinds.register(app.artifactRegistry)
        BlobReferences.register(table: TestEvidence.schema, column: "blob_id")
        app.registerJob(JUnitIngestJob.kind, handler: JUnitIngestJob.run)
        ProjectTabs.register(.init(title: "Verification") { VerificationRoute.cases(project: $0).path })
        registerPages(app)
        registerAPI(app)
    }
}
