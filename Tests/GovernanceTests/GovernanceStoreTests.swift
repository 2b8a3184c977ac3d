import Artifacts
import Fluent
import Foundation
import Governance
import Interchange
import Interfaces
import Platform
import Requirements
import SesaTesting
import SystemDesign
import Testing
import Vapor

/// Phases, organisations, design packages, owners and the interface reports, on both databases.
@Suite struct GovernanceStoreTests {
    @Test(arguments: TestDatabase.all)
    func phasesKeepTheirOrderAndRefuseBadDates(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await GovernanceFixtures.make(app)
            let lead = try f.context(.lead)
            var phases = try await GovernanceQueries.phases(projectID: try f.projectID, on: app.db)
            #expect(phases.map(\.name) == ["Preliminary design", "Detailed design"])
            #expect(phases.map(\.position) == [1, 2])

            // Every bad field named at once; an editor may not set phases up.
            do {
                try await GovernanceStore.createPhase(lead, PhaseDraft(name: " ", startsOn: "2027-02-30", endsOn: "2026-01-01"))
                Issue.record("a phase without a name and with an impossible date was stored")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors.map(\.field) == ["name", "starts_on"])
                #expect(invalid.errors[1].reason == "“2027-02-30” is not a date as yyyy-mm-dd")
            }
            do {
                try await GovernanceStore.createPhase(lead, PhaseDraft(name: "AIT", startsOn: "2028-05-01", endsOn: "2028-04-01"))
                Issue.record("a phase ending before it starts was stored")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors.first?.reason == "the phase cannot end (2028-04-01) before it starts (2028-05-01)")
            }
            await #expect(throws: FieldsInvalid.self) {
                try await GovernanceStore.createPhase(lead, PhaseDraft(name: "Detailed design"))
            }
            await #expect(throws: Abort.self) { try await GovernanceStore.createPhase(try f.context(.editor), PhaseDraft(name: "AIT")) }

            let ait = try await GovernanceStore.createPhase(lead, PhaseDraft(name: "AIT", status: .planned))
            try await GovernanceStore.movePhase(lead, id: try ait.requireID(), earlier: true)
            phases = try await GovernanceQueries.phases(projectID: try f.projectID, on: app.db)
            #expect(phases.map(\.name) == ["Preliminary design", "AIT", "Detailed design"])
            try await GovernanceStore.movePhase(lead, id: try phases[0].requireID(), earlier: true)  // already first: nothing moves
            try await GovernanceStore.deletePhase(lead, id: try ait.requireID())
            phases = try await GovernanceQueries.phases(projectID: try f.projectID, on: app.db)
            #expect(phases.map(\.position) == [1, 2] && phases.map(\.name) == ["Preliminary design", "Detailed design"])
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "governance.phase-moved").count() == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anOrganisationStillNamedCannotGo(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await GovernanceFixtures.make(app)
            let lead = try f.context(.lead)
            let acme = try #require(try await GovernanceQueries.organisation(code: "acme", projectID: try f.projectID, on: app.db))
            await #expect(throws: FieldsInvalid.self) {
                try await GovernanceStore.createOrganisation(lead, OrganisationDraft(code: "ACME", name: "Another ACME"))
            }
            do {
                try await GovernanceStore.createOrganisation(lead, OrganisationDraft(code: "a b", name: ""))
                Issue.record("a bad code was stored")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors.map(\.field) == ["code", "name"])
            }
            do {
                try await GovernanceStore.deleteOrganisation(lead, id: try acme.requireID())
                Issue.record("an organisation that owns an element was deleted")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors[0].reason == "ACME is still named by 1 element; give them another organisation first")
            }
            // Element owners are part of the element's history.
            let eps = try #require(try await SystemElementQueries.element(key: f.keys["EPS"]!, projectID: try f.projectID, on: app.db))
            #expect(eps.ownerCode == "ACME")
            try await SystemElementStore.update(lead, id: eps.id, expectedVersion: eps.version,
                                                draft: ElementDraft(title: "EPS", level: "subsystem", owner: "prime"))
            let moved = try #require(try await SystemElementQueries.element(key: f.keys["EPS"]!, projectID: try f.projectID, on: app.db))
            #expect(moved.ownerCode == "PRIME" && moved.version == 2)
            await #expect(throws: FieldsInvalid.self) {
                try await SystemElementStore.update(lead, id: eps.id, expectedVersion: 2,
                                                    draft: ElementDraft(title: "EPS", level: "subsystem", owner: "NOPE"))
            }
            try await GovernanceStore.deleteOrganisation(lead, id: try acme.requireID())
            #expect(try await GovernanceQueries.organisations(projectID: try f.projectID, on: app.db).map(\.code) == ["BOLT", "PRIME"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func aDesignPackageReportsItsElementsAndInterfaces(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await GovernanceFixtures.make(app)
            let editor = try f.context(.editor)
            let prime = try await GovernanceQueries.organisation(code: "PRIME", projectID: try f.projectID, on: app.db)
            let pdr = try await GovernanceQueries.phase(name: "Preliminary design", projectID: try f.projectID, on: app.db)
            let package = try await DesignPackageStore.create(editor, draft: PackageDraft(
                title: "Power chain", ownerOrgID: prime?.id, phaseID: pdr?.id, description: "EPS and its bus"))
            #expect(package.key == "DP-001")
            let id = try package.requireID()
            try await DesignPackageStore.include(editor, packageID: id, key: f.keys["EPS"]!)
            try await DesignPackageStore.include(editor, packageID: id, key: "IF-001")
            do {
                try await DesignPackageStore.include(editor, packageID: id, key: "IF-001")
                Issue.record("the same interface went in twice")
            } catch let invalid as FieldsInvalid { #expect(invalid.errors[0].reason.contains("already in package")) }
            do {
                try await DesignPackageStore.include(editor, packageID: id, key: "NOPE-1")
                Issue.record("an unknown key went in")
            } catch let invalid as FieldsInvalid { #expect(invalid.errors[0].reason == "there is no artifact “NOPE-1” in this project") }
            // Requirements are not package contents.
            let module = try await RequirementStore.createModule(editor, name: "System", prefix: "SYS", description: "", parentExpected: false)
            let requirement = try await RequirementStore.createRequirement(editor, moduleID: try module.requireID(),
                                                                           draft: RequirementDraft(title: "Power", statement: "The EPS shall supply 28 V."))
            do {
                try await DesignPackageStore.include(editor, packageID: id, key: requirement.key)
                Issue.record("a requirement went into a design package")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors[0].reason == "\(requirement.key) is a requirement; a design package holds interfaces and system elements")
            }

            let row = try #require(try await GovernanceQueries.package(key: "DP-001", projectID: try f.projectID, on: app.db))
            #expect(row.ownerCode == "PRIME" && row.phaseName == "Preliminary design" && row.contents == ["system-element": 1, "interface": 1])
            let report = try await PackageReport.load(row, projectID: try f.projectID, registry: app.artifactRegistry, on: app.db)
            #expect(report.sections.map(\.title) == ["Elements", "Interfaces"])
            #expect(report.sections[0].lines.map(\.values) == [["subsystem", "ACME", "proposed"]])
            #expect(report.sections[1].lines.map(\.values) == [["", "EL-002", "EL-003", "power", "", "proposed"]])
            #expect(report.table.header == ["package", "section", "key", "title", "level", "owner", "status", "interface_id", "side_a",
                                            "side_b", "type"])
            #expect(report.table.rows == [
                ["DP-001", "Elements", "EL-002", "EPS", "subsystem", "ACME", "proposed", "", "", "", ""],
                ["DP-001", "Interfaces", "IF-001", "Bus power", "", "", "proposed", "", "EL-002", "EL-003", "power"],
            ])
            // An organisation or phase a package names cannot go; deleting the package keeps its contents.
            await #expect(throws: FieldsInvalid.self) { try await GovernanceStore.deletePhase(try f.context(.lead), id: pdr!.requireID()) }
            try await DesignPackageStore.exclude(editor, packageID: id, linkID: report.sections[1].lines[0].content.linkID)
            try await DesignPackageStore.delete(editor, id: id, expectedVersion: 1)
            #expect(try await GovernanceQueries.packages(projectID: try f.projectID, on: app.db).isEmpty)
            #expect(try await SystemElementQueries.element(key: "EL-002", projectID: try f.projectID, on: app.db) != nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theInterfaceReportsFindCrossingsAndGaps(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await GovernanceFixtures.make(app)
            let editor = try f.context(.editor)
            try await DesignPackageStore.create(editor, draft: PackageDraft(title: "Empty package"))
            let module = try await RequirementStore.createModule(editor, name: "Interfaces", prefix: "IRS", description: "", parentExpected: false)
            let requirement = try await RequirementStore.createRequirement(editor, moduleID: try module.requireID(),
                                                                           draft: RequirementDraft(title: "Bus", statement: "The bus shall carry 28 V."))
            try await editor.write { writer in
                _ = try await writer.link(InterfaceKinds.specifies.id, from: try requirement.requireID(), to: f.interfaces["Bus power"]!)
            }
            let camera = try await SystemElementStore.create(editor, draft: ElementDraft(title: "Camera", level: "assembly"),
                                                             parentID: f.elements["PLD"])
            // The ground station has no owner and no parent: an interface to it has a side nobody answers for.
            try await InterfaceStore.create(editor, draft: InterfaceDraft(title: "Beacon", sideA: f.elements["OBC"], sideB: f.elements["GND"],
                                                                          type: "signal"))

            let gaps = try await InterfaceGaps.load(projectID: try f.projectID, on: app.db)
            // Sorted by organisation pair: ACME→PRIME twice, BOLT→PRIME, PRIME→BOLT.
            #expect(gaps.crossOrganisation.map(\.key) == ["IF-001", "IF-003", "IF-004", "IF-002"])
            #expect(gaps.crossOrganisation.map { "\($0.sideAOrganisation)>\($0.sideBOrganisation)" }
                    == ["ACME>PRIME", "ACME>PRIME", "BOLT>PRIME", "PRIME>BOLT"])
            #expect(gaps.unassignedSides.map(\.key) == ["IF-006"])
            // PLD has no owner of its own: its side belongs to its parent's organisation.
            let science = try #require(try await InterfaceQueries.interface(key: "IF-005", projectID: try f.projectID, on: app.db))
            #expect(science.sideBOrganisation == "PRIME" && science.sideAOrganisation == "PRIME")
            // PLD has an interface; its new camera has none (nor does anything below it).
            #expect(gaps.elementsWithoutInterfaces.map(\.key) == [camera.key])
            #expect(gaps.interfacesWithoutRequirements.map(\.key) == ["IF-002", "IF-003", "IF-004", "IF-005", "IF-006"])
            #expect(gaps.packagesWithoutElements.map(\.key) == ["DP-001"])

            // The N² filter by organisation: what ACME owns or is at a side of.
            let (view, _) = try await N2View.load(projectID: try f.projectID, level: "subsystem",
                                                  filter: .init(organisation: "ACME"), on: app.db)
            #expect(view.interfaces.map(\.key) == ["IF-001", "IF-003"])
            let (bolt, _) = try await N2View.load(projectID: try f.projectID, level: "subsystem", filter: .init(organisation: "BOLT"), on: app.db)
            #expect(bolt.interfaces.map(\.key) == ["IF-002", "IF-004"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func projectInterfaceIdsAreUniqueAndSidesResolve(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await GovernanceFixtures.make(app)
            let editor = try f.context(.editor)
            var draft = InterfaceDraft(title: "Sync pulse", sideA: f.elements["OBC"], sideB: f.elements["PLD"], type: "signal")
            draft.projectInterfaceID = "ICD-SAT-001"
            draft.owner = "prime"
            draft.sideBOrg = "BOLT"
            let first = try await InterfaceStore.create(editor, draft: draft)
            let row = try #require(try await InterfaceQueries.interface(key: first.key, projectID: try f.projectID, on: app.db))
            #expect(row.projectInterfaceID == "ICD-SAT-001" && row.ownerCode == "PRIME")
            #expect(row.sideAOrganisation == "PRIME" && row.sideBOrganisation == "BOLT" && row.sideBElementOwner == "PRIME")
            draft.title = "Second sync"
            draft.owner = "NOBODY"
            do {
                try await InterfaceStore.create(editor, draft: draft)
                Issue.record("a second interface took the same project interface id")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors.map(\.field) == ["owner", "interface_id"])
                #expect(invalid.errors[1].reason == "\(first.key) already has the project interface id “ICD-SAT-001”")
            }
            // Saving the same interface keeps its own id.
            draft.owner = ""
            draft.title = "Sync pulse"
            try await InterfaceStore.update(editor, id: try first.requireID(), expectedVersion: 1, draft: draft)
        }
    }
}

/// Element sheets carry the owner organisation by code: a re-import changes owners in place, an unknown code
/// is named by row and column with nothing stored, and a sheet without the column keeps the owners.
@Suite struct ElementOwnerSheetTests {
    @Test(arguments: TestDatabase.all)
    func ownersTravelInTheElementSheet(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await GovernanceFixtures.make(app)
            let projectID = try f.projectID
            var table = try await ElementTableImport.table(projectID: projectID, on: app.db)
            #expect(table.header.last == "owner")
            let eps = try #require(table.rows.firstIndex { $0[0] == "EL-002" })
            #expect(table.rows[eps].last == "ACME")
            table.rows[eps][6] = "bolt"
            let report = try await ElementTableImport.run(try f.context(), table: table, file: "owners.csv", dryRun: false)
            #expect(report.changed == [.init(key: "EL-002", fields: ["owner"])])
            #expect(try await SystemElementQueries.element(key: "EL-002", projectID: projectID, on: app.db)?.ownerCode == "BOLT")

            table.rows[eps][6] = "NOPE"
            do {
                _ = try await ElementTableImport.run(try f.context(), table: table, file: "owners.csv", dryRun: false)
                Issue.record("an unknown owner was imported")
            } catch let invalid as ElementImportInvalid {
                #expect(invalid.errors.map(\.description) == ["owners.csv, row \(eps + 2), column 7: owner: there is no delivery organisation “NOPE” in the project"])
            }
            // Without the owner column, owners stay.
            let narrow = try CSVTable.read(Data("key,title,level\nEL-002,EPS,subsystem\n".utf8), file: "narrow.csv")
            let unchanged = try await ElementTableImport.run(try f.context(), table: narrow, file: "narrow.csv", dryRun: false)
            #expect(unchanged.unchanged == ["EL-002"])
            #expect(try await SystemElementQueries.element(key: "EL-002", projectID: projectID, on: app.db)?.ownerCode == "BOLT")
        }
    }
}

/// Design package sheets: export → edit → re-import updates in place by key (contents included), every bad row
/// is named with nothing stored.
@Suite struct PackageTableImportTests {
    @Test(arguments: TestDatabase.all)
    func aPackageSheetRoundTripsAndUpdatesInPlace(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await GovernanceFixtures.make(app)
            let editor = try f.context()
            let sheet = { (text: String) in try CSVTable.read(Data(text.utf8), file: "packages.csv") }
            var report = try await PackageTableImport.run(editor, table: try sheet("""
                key,title,owner,phase,status,description,contents
                ,Power chain,acme,Preliminary design,draft,EPS and bus,EL-002 IF-001
                ,Radio,BOLT,,issued,,EL-004
                """), file: "packages.csv", dryRun: false)
            #expect(report.created == ["DP-001", "DP-002"])
            var table = try await PackageTableImport.table(projectID: try f.projectID, on: app.db)
            #expect(table.rows == [["DP-001", "Power chain", "ACME", "Preliminary design", "draft", "EPS and bus", "EL-002 IF-001"],
                                   ["DP-002", "Radio", "BOLT", "", "issued", "", "EL-004"]])
            // Edit the export: DP-001 loses the interface and gains OBC; DP-002 stays.
            table.rows[0][6] = "EL-002 EL-003"
            let edited = try CSVTable.read(table.write(), file: "edited.csv")
            let dry = try await PackageTableImport.run(editor, table: edited, file: "edited.csv", dryRun: true)
            #expect(dry.changed == ["DP-001"] && dry.unchanged == ["DP-002"] && dry.created.isEmpty)
            report = try await PackageTableImport.run(editor, table: edited, file: "edited.csv", dryRun: false)
            #expect(report == dry)
            let row = try #require(try await GovernanceQueries.package(key: "DP-001", projectID: try f.projectID, on: app.db))
            #expect(row.contents == ["system-element": 2] && row.version == 1)  // contents are links: the package's version stays

            // Every bad row at once, nothing stored.
            do {
                _ = try await PackageTableImport.run(editor, table: try sheet("""
                    key,title,owner,status,contents
                    DP-009,Ghost,,,
                    ,,NOPE,busy,EL-001 REQ-1
                    """), file: "bad.csv", dryRun: false)
                Issue.record("a bad sheet was imported")
            } catch let invalid as PackageImportInvalid {
                #expect(invalid.errors.map(\.description) == [
                    "bad.csv, row 2, column 1: key: there is no design package DP-009 (leave the key empty for a new one)",
                    "bad.csv, row 3, column 2: title: the title must be 1–200 characters",
                    "bad.csv, row 3, column 3: owner: there is no delivery organisation “NOPE”",
                    "bad.csv, row 3, column 4: status: “busy” is not a status (draft, issued, closed)",
                    "bad.csv, row 3, column 5: contents: REQ-1 is not an element or interface of this project",
                ])
            }
            #expect(try await GovernanceQueries.packages(projectID: try f.projectID, on: app.db).count == 2)
        }
    }
}
