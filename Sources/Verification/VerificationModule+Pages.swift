import Platform
import Vapor

extension VerificationModule {
    static func registerPages(_ app: Application) {
        let (viewers, editors, leads) = ProjectRouteGroups.pages(app).all
        let v: [PathComponent] = ["verification"]
        let key = PathComponent.parameter(VerificationRequest.keyParameter)
        let run: [PathComponent] = v + ["runs", .parameter(VerificationRequest.runParameter)]
        typealias C = CasesController
        typealias R = RunsController
        typealias P = PlansController
        typealias G = CoverageController

        viewers.get(v, use: { request async throws -> Response in
            request.redirect(to: VerificationRoute.cases(project: try request.requireProject().key).path, redirectType: .normal)
        }).htmlPage()
        viewers.get(v + ["cases"], use: C.list).htmlPage()
        editors.post(v + ["cases"], use: C.create).htmlPage()
        viewers.get(v + ["cases", key], use: C.show).htmlPage()
        editors.post(v + ["cases", key, "edit"], use: C.save).htmlPage()
        editors.post(v + ["cases", key, "delete"], use: C.delete).htmlPage()
        viewers.get(v + ["sets"], use: C.sets).htmlPage()
        editors.post(v + ["sets"], use: C.createSet).htmlPage()
        viewers.get(v + ["sets", key], use: C.set).htmlPage()
        editors.post(v + ["sets", key, "edit"], use: C.saveSet).htmlPage()

        viewers.get(v + ["runs"], use: R.list).htmlPage()
        editors.post(v + ["runs"], use: R.create).htmlPage()
        viewers.get(run, use: R.show).htmlPage()
        editors.on(.POST, run + ["results"], body: .collect(maxSize: "65mb"), use: R.record).maxBodySize(65 << 20).htmlPage()
        editors.on(.POST, run + ["evidence"], body: .collect(maxSize: "65mb"), use: R.attach).maxBodySize(65 << 20).htmlPage()
        editors.post(run + ["close"], use: R.close).htmlPage()
        viewers.get(run + ["evidence", ":evidenceID"], use: RunsAPIController.download).htmlPage()
        viewers.get(run + ["report.csv"], use: RunsAPIController.report).htmlPage()
        viewers.get(run + ["report.xlsx"], use: RunsAPIController.report).htmlPage()

        viewers.get(v + ["plans"], use: P.list).htmlPage()
        editors.post(v + ["plans"], use: P.create).htmlPage()
        viewers.get(v + ["plans", key], use: P.show).htmlPage()
        editors.post(v + ["plans", key, "edit"], use: P.save).htmlPage()
        editors.post(v + ["plans", key, "activities"], use: P.addActivity).htmlPage()
        let activity: [PathComponent] = v + ["plans", key, "activities", .parameter(VerificationRequest.activityParameter)]
        editors.post(activity, use: P.saveActivity).htmlPage()
        editors.post(activity + ["remove"], use: P.removeActivity).htmlPage()
        viewers.get(v + ["defects"], use: P.defects).htmlPage()
        editors.post(v + ["defects"], use: P.createDefect).htmlPage()
        viewers.get(v + ["defects", key], use: P.defect).htmlPage()
        editors.post(v + ["defects", key, "edit"], use: P.saveDefect).htmlPage()

        viewers.get("rvtm", use: G.rvtm).htmlPage()
        viewers.get(v + ["coverage"], use: G.coverage).htmlPage()
        editors.post(v + ["coverage", "snapshots"], use: G.takeSnapshot).htmlPage()
        viewers.get(v + ["coverage", "snapshots", ":snapshotID"], use: G.snapshot).htmlPage()
        viewers.get(v + ["coverage", "compare"], use: G.compare).htmlPage()
        leads.post(v + ["coverage", "mappings"], use: G.saveMappings).htmlPage()
    }
}
