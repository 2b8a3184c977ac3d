import Platform
import Vapor

extension VerificationModule {
    static func registerAPI(_ app: Application) {
        app.registerSchema("TestCase", CaseDTOs.CaseDTO.schema)
        app.registerSchema("VerificationPlan", CaseDTOs.PlanDTO.schema)
        app.registerSchema("TestSet", CaseDTOs.SetDTO.schema)
        app.registerSchema("TestRun", RunDTOs.RunDTO.schema)
        app.registerSchema("TestResult", RunDTOs.ResultDTO.schema)
        app.registerSchema("Defect", RunDTOs.DefectDTO.schema)
        app.registerSchema("RVTM", CoverageDTOs.RVTMDTO.schema)
        typealias V = VerificationAPIController
        typealias P = OpenAPIOperation.Parameter
        let (viewers, editors, leads) = ProjectRouteGroups.api(app).all
        let docs = ProjectAPIDocs(tag: "verification", things: "verification item")
        let (forbidden, invalid, conflict) = (ProjectAPIDocs.forbidden, ProjectAPIDocs.invalid, ProjectAPIDocs.conflict)
        let key = P(name: VerificationRequest.keyParameter, in: .path, required: true, description: "Key, e.g. TC-001")
        let keyed: (String) -> [PathComponent] = { [.constant($0), .parameter(VerificationRequest.keyParameter)] }
        func items(_ ref: String) -> JSONSchema { .object([("items", .array(.ref(ref)))], required: ["items"]) }

        viewers.get("test-cases", use: V.listCases).openAPI(docs.op("listTestCases", "The project's test cases", [], [.json(200, "Cases", items("TestCase"))]))
        editors.post("test-cases", use: V.createCase).openAPI(docs.op(
            "createTestCase", "Create a test case with its steps and the requirements it verifies (editors)", [], body: CaseDTOs.CaseInput.schema,
            [.json(201, "Created", .ref("TestCase")), forbidden, invalid]))
        viewers.get(keyed("test-cases"), use: V.showCase).openAPI(docs.op("getTestCase", "One test case", [key], [.json(200, "The case", .ref("TestCase"))]))
        editors.put(keyed("test-cases"), use: V.updateCase).openAPI(docs.op(
            "updateTestCase", "Save a new version (send the version you edited)", [key], body: CaseDTOs.CaseInput.schema,
            [.json(200, "Saved", .ref("TestCase")), forbidden, invalid, conflict]))
        editors.delete(keyed("test-cases"), use: V.deleteCase).openAPI(docs.op(
            "deleteTestCase", "Delete a test case (?version=N); its results stay with their runs",
            [key, P(name: "version", in: .query, required: true, description: "The version you mean to delete")],
            [.init(204, "Deleted"), forbidden, invalid, conflict]))

        viewers.get("verification-plans", use: V.listPlans).openAPI(docs.op(
            "listVerificationPlans", "The project's verification plans with their scope's coverage", [], [.json(200, "Plans", items("VerificationPlan"))]))
        editors.post("verification-plans", use: V.createPlan).openAPI(docs.op(
            "createVerificationPlan", "Create a plan (editors; approved only by leads)", [], body: CaseDTOs.PlanInput.schema,
            [.json(201, "Created", .ref("VerificationPlan")), forbidden, invalid]))
        viewers.get(keyed("verification-plans"), use: V.showPlan).openAPI(docs.op(
            "getVerificationPlan", "One plan", [key], [.json(200, "The plan", .ref("VerificationPlan"))]))
        editors.put(keyed("verification-plans"), use: V.updatePlan).openAPI(docs.op(
            "updateVerificationPlan", "Save a new version; approving or returning to draft takes a lead", [key], body: CaseDTOs.PlanInput.schema,
            [.json(200, "Saved", .ref("VerificationPlan")), forbidden, invalid, conflict]))
        editors.post(keyed("verification-plans") + ["activities"], use: V.addActivity).openAPI(docs.op(
            "addVerificationActivity", "Add an activity at the end of the plan", [key], body: CaseDTOs.ActivityInput.schema,
            [.json(201, "The plan", .ref("VerificationPlan")), forbidden, invalid]))
        let activity = keyed("verification-plans") + ["activities", .parameter(VerificationRequest.activityParameter)]
        let activityID = P(name: VerificationRequest.activityParameter, in: .path, required: true, description: "Activity id")
        editors.put(activity, use: V.updateActivity).openAPI(docs.op(
            "updateVerificationActivity", "Change an activity (title, method, responsible, due date, status)", [key, activityID],
            body: CaseDTOs.ActivityInput.schema, [.json(200, "The plan", .ref("VerificationPlan")), forbidden, invalid]))
        editors.delete(activity, use: V.deleteActivity).openAPI(docs.op(
            "deleteVerificationActivity", "Remove an activity from the plan", [key, activityID], [.init(204, "Removed"), forbidden]))

        viewers.get("test-sets", use: V.listSets).openAPI(docs.op("listTestSets", "The project's test sets", [], [.json(200, "Sets", items("TestSet"))]))
        editors.post("test-sets", use: V.createSet).openAPI(docs.op(
            "createTestSet", "Create an ordered set of cases", [], body: CaseDTOs.SetInput.schema, [.json(201, "Created", .ref("TestSet")), forbidden, invalid]))
        viewers.get(keyed("test-sets"), use: V.showSet).openAPI(docs.op("getTestSet", "One set", [key], [.json(200, "The set", .ref("TestSet"))]))
        editors.put(keyed("test-sets"), use: V.updateSet).openAPI(docs.op(
            "updateTestSet", "Save a new version of the set", [key], body: CaseDTOs.SetInput.schema,
            [.json(200, "Saved", .ref("TestSet")), forbidden, invalid, conflict]))

        viewers.get("defects", use: V.listDefects).openAPI(docs.op("listDefects", "The project's defects", [], [.json(200, "Defects", items("Defect"))]))
        editors.post("defects", use: V.createDefect).openAPI(docs.op(
            "createDefect", "Report a defect, optionally from the result that shows it", [], body: RunDTOs.DefectInput.schema,
            [.json(201, "Created", .ref("Defect")), forbidden, invalid]))
        viewers.get(keyed("defects"), use: V.showDefect).openAPI(docs.op("getDefect", "One defect", [key], [.json(200, "The defect", .ref("Defect"))]))
        editors.put(keyed("defects"), use: V.updateDefect).openAPI(docs.op(
            "updateDefect", "Save a new version (status, severity, what it concerns); `result` adds a result that shows it", [key],
            body: RunDTOs.DefectInput.schema, [.json(200, "Saved", .ref("Defect")), forbidden, invalid, conflict]))
        registerRunAPI(app)
        registerCoverageAPI(app, viewers: viewers, editors: editors, leads: leads)
    }

    static func registerRunAPI(_ app: Application) {
        typealias R = RunsAPIController
        typealias P = OpenAPIOperation.Parameter
        let (viewers, editors, _) = ProjectRouteGroups.api(app).all
        let docs = ProjectAPIDocs(tag: "verification", things: "test run")
        let (forbidden, invalid) = (ProjectAPIDocs.forbidden, ProjectAPIDocs.invalid)
        let number = P(name: VerificationRequest.runParameter, in: .path, required: true, description: "Run number (RUN-12 is 12)")
        let run: [PathComponent] = ["runs", .parameter(VerificationRequest.runParameter)]
        viewers.get("runs", use: R.list).openAPI(docs.op(
            "listTestRuns", "The latest 200 runs, newest first, with their results", [],
            [.json(200, "Runs", .object([("items", .array(.ref("TestRun")))], required: ["items"]))]))
        editors.post("runs", use: R.create).openAPI(docs.op(
            "createTestRun", "Start a run of a set, a case, or ad hoc", [], body: RunDTOs.RunInput.schema, [.json(201, "Created", .ref("TestRun")), forbidden, invalid]))
        viewers.get(run, use: R.show).openAPI(docs.op("getTestRun", "One run with its results, unmatched CI tests and evidence", [number],
                                                      [.json(200, "The run", .ref("TestRun"))]))
        editors.post(run + ["results"], use: R.record).openAPI(docs.op(
            "recordTestResults", "Record results in an open run (all or none)", [number], body: RunDTOs.ResultsInput.schema,
            [.json(200, "The run", .ref("TestRun")), forbidden, invalid]))
        editors.post(run + ["close"], use: R.close).openAPI(docs.op(
            "closeTestRun", "Close an open run: no more results go in", [number], [.json(200, "The run", .ref("TestRun")), forbidden, invalid]))
        editors.on(.POST, run + ["evidence"], body: .collect(maxSize: "65mb"), use: R.attach).maxBodySize(65 << 20).openAPI(docs.op(
            "addTestEvidence", "Add an evidence file: the body is the file (at most 64 MB)",
            [number, P(name: "name", in: .query, required: true, description: "The file's name"),
             P(name: "result", in: .query, description: "The result's id; the whole run when absent")],
            [.json(201, "The run", .ref("TestRun")), forbidden, invalid]))
        viewers.get(run + ["evidence", ":evidenceID"], use: R.download).openAPI(docs.op(
            "getTestEvidence", "An evidence file, as a download (members only)",
            [number, P(name: "evidenceID", in: .path, required: true, description: "Evidence id")],
            [.init(200, "The file", content: [("application/octet-stream", .string(format: "binary"))])]))
        viewers.get(run + ["report"], use: R.report).openAPI(docs.op(
            "getTestRunReport", "The run's results as a sheet", [number, P(name: "format", in: .query, description: "csv (default) or xlsx")],
            [.init(200, "The file", content: [("text/csv", .string()), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", .string(format: "binary"))]),
             invalid]))
        editors.on(.POST, "results", "junit", body: .collect(maxSize: "65mb"), use: R.junit).maxBodySize(65 << 20).openAPI(docs.op(
            "uploadJUnitResults",
            "CI results in (use a personal access token): JUnit or NUnit 3 XML as the body, or multipart with `file`/`files[]` and the metadata "
                + "as fields. Each test goes to a case by its `sesa.case` property, else its `requirement`/`sesa.requirement` property (an automated "
                + "case per test), else a saved name pattern; the rest are recorded as unmatched and listed. The reports are checked first: a bad "
                + "file stores nothing. The results are written by a job.",
            [P(name: "build", in: .query, description: "Build or version under test"), P(name: "environment", in: .query, description: "Where it ran"),
             P(name: "commit", in: .query, description: "Commit"), P(name: "title", in: .query, description: "The run's title"),
             P(name: "file", in: .query, description: "The report's name (body upload)")],
            body: .string(format: "binary", description: "JUnit XML"),
            [.json(202, "Accepted: the run, the job to poll, the counts and the unmatched tests", RunDTOs.JUnitAcceptedDTO.schema), forbidden, invalid]))
    }

    static func registerCoverageAPI(_ app: Application, viewers: any RoutesBuilder, editors: any RoutesBuilder, leads: any RoutesBuilder) {
        typealias C = CoverageAPIController
        typealias P = OpenAPIOperation.Parameter
        let docs = ProjectAPIDocs(tag: "verification", things: "coverage")
        let (forbidden, invalid) = (ProjectAPIDocs.forbidden, ProjectAPIDocs.invalid)
        viewers.get("rvtm", use: C.rvtm).openAPI(docs.op(
            "getRVTM", "Requirements × cases with the latest result's status (verified, stale, failed, blocked, not-run) and each requirement's coverage",
            [P(name: "module", in: .query, description: "Comma-separated module prefixes"),
             P(name: "status", in: .query, description: "Comma-separated coverage statuses"),
             P(name: "method", in: .query, description: "Only cases of this method"), P(name: "q", in: .query, description: "Words in the requirement"),
             P(name: "format", in: .query, description: "json (default), csv or xlsx")],
            [.json(200, "The matrix", .ref("RVTM")), invalid]))
        viewers.get("verification-coverage", use: C.coverage).openAPI(docs.op(
            "getVerificationCoverage", "Verification coverage by module and the gap lists: requirements without cases, cases without requirements, failed results without a defect",
            [], [.json(200, "Coverage", CoverageDTOs.CoverageDTO.schema)]))
        viewers.get("coverage-snapshots", use: C.snapshots).openAPI(docs.op(
            "listCoverageSnapshots", "Snapshots, oldest first, with their counts (the trend)", [],
            [.json(200, "Snapshots", .object([("items", .array(CoverageDTOs.SnapshotDTO.schema))], required: ["items"]))]))
        editors.post("coverage-snapshots", use: C.takeSnapshot).openAPI(docs.op(
            "takeCoverageSnapshot", "Freeze every in-scope requirement's status now", [], body: CoverageDTOs.SnapshotInput.schema,
            [.json(201, "Taken", CoverageDTOs.SnapshotDTO.schema), forbidden, invalid]))
        viewers.get("coverage-snapshots", "compare", use: C.compare).openAPI(docs.op(
            "compareCoverageSnapshots", "What changed status between two snapshots, and what went stale",
            [P(name: "from", in: .query, required: true, description: "The older snapshot's id"),
             P(name: "to", in: .query, required: true, description: "The newer snapshot's id")],
            [.json(200, "The changes", CoverageDTOs.CompareDTO.schema), invalid]))
        viewers.get("junit-mappings", use: C.mappings).openAPI(docs.op(
            "getJUnitMappings", "The saved name patterns of CI ingestion, in order", [], [.json(200, "Mappings", CoverageDTOs.MappingsDTO.schema)]))
        leads.put("junit-mappings", use: C.saveMappings).openAPI(docs.op(
            "replaceJUnitMappings", "Replace the name patterns (leads)", [], body: CoverageDTOs.MappingsDTO.schema,
            [.json(200, "Saved", CoverageDTOs.MappingsDTO.schema), forbidden, invalid]))
    }
}
