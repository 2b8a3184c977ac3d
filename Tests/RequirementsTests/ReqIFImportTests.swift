import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor

/// ReqIF into requirement modules, on both databases: every file of the shared valid set imports with the
/// counts of its own XML; a re-import shows exactly what changed and turns exactly the affected links suspect;
/// a refused import stores nothing.
@Suite struct ReqIFImportTests {
    static let testdata: URL? = ProcessInfo.processInfo.environment["SESA_TESTDATA"].map { URL(fileURLWithPath: $0) }

    static func validFiles() -> [URL] {
        guard let base = testdata?.appendingPathComponent("reqif/valid"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: base.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".reqif") || $0.hasSuffix(".reqifz") }.sorted().map { base.appendingPathComponent($0) }
    }

    /// Counted from the XML text, independently of the reader and the mapping.
    static func xmlCounts(_ url: URL) throws -> (objects: Int, relations: Int, specifications: Int, hierarchy: Int) {
        let text = try String(contentsOf: url, encoding: .utf8)
        func count(_ regex: Regex<Substring>) -> Int { text.matches(of: regex).count }
        return (count(/<SPEC-OBJECT[\s>\/]/), count(/<SPEC-RELATION[\s>\/]/), count(/<SPECIFICATION[\s>\/]/), count(/<SPEC-HIERARCHY[\s>\/]/))
    }

    static func identities(_ role: ReqIFIdentity.Role, _ project: UUID, on db: any Database) async throws -> [ReqIFIdentity] {
        try await ReqIFIdentity.query(on: db).filter(\.$projectID == project).filter(\.$role == role).all()
    }

    @Test(.enabled(if: testdata != nil, "SESA_TESTDATA is not set (CI sets it to ../shared/testdata)"), arguments: TestDatabase.all)
    func everySharedValidFileImportsWithTheCountsOfItsXML(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let lena = try await app.makeUser("lena@example.com", name: "Lena")
            let files = Self.validFiles()
            #expect(files.count >= 50, "the shared set has 49 .reqif and 4 .reqifz files")
            for (index, url) in files.enumerated() {
                let name = url.lastPathComponent
                let project = try await app.makeProject("RQ\(index)", lead: lena)
                let projectID = try project.requireID()
                let context = RequirementContext(database: app.db, projectID: projectID, role: .lead, registry: app.artifactRegistry,
                                                 actor: AuditActor(userID: lena.id, label: "lena@example.com"), now: app.clock.now())
                let plans = try ReqIFFileImport.plans(of: url)
                let applied = try await ReqIFFileImport.apply(context, plans, file: name)
                let objects = try await Self.identities(.object, projectID, on: app.db)
                let items = try await DocumentItem.query(on: app.db).filter(\.$projectID == projectID).count()
                #expect(applied.reduce(0) { $0 + $1.count(.new) } == objects.count, "\(name)")
                #expect(items == objects.count && objects.allSatisfy { $0.targetID != nil }, "\(name): every object is an item")
                let specifications = try await Self.identities(.specification, projectID, on: app.db).count
                let hierarchy = try await Self.identities(.hierarchy, projectID, on: app.db).count
                let relations = try await Self.identities(.relation, projectID, on: app.db)
                if url.pathExtension == "reqif" {
                    let xml = try Self.xmlCounts(url)
                    #expect(objects.count == xml.objects, "\(name): spec objects")
                    #expect(specifications == xml.specifications, "\(name): specifications")
                    #expect(hierarchy == xml.hierarchy, "\(name): hierarchy nodes")
                    #expect(relations.count == xml.relations, "\(name): relations")
                } else {
                    let counts = plans.reduce(into: (0, 0, 0, 0)) { $0.0 += $1.counts.specObjects; $0.1 += $1.counts.specRelations
                        $0.2 += $1.counts.specifications; $0.3 += $1.counts.hierarchyNodes }
                    #expect(objects.count == counts.0 && relations.count == counts.1 && specifications == counts.2 && hierarchy == counts.3, "\(name)")
                }
                let links = try await ArtifactLink.query(on: app.db).filter(\.$projectID == projectID).count()
                #expect(links == Set(relations.compactMap(\.targetID)).count, "\(name): a link per resolvable relation")

                // The same file again: all unchanged, nothing written.
                let revision = try await ProjectRevision.current(projectID, on: app.db)
                let again = try await ReqIFFileImport.preview(context, try ReqIFFileImport.plans(of: url))
                #expect(again.allSatisfy { $0.count(.new) == 0 && $0.count(.changed) == 0 && $0.newLinks.isEmpty }, "\(name): \(again.map(\.summary))")
                #expect(try await ProjectRevision.current(projectID, on: app.db) == revision, "a dry run writes nothing")
            }
        }
    }

    /// Every file of the shared invalid set is refused before anything is written, with its name in the error —
    /// or, where harmless (an object reference the file cannot resolve), imported with a warning that names it.
    @Test(.enabled(if: testdata != nil, "SESA_TESTDATA is not set (CI sets it to ../shared/testdata)"), arguments: TestDatabase.all)
    func everySharedInvalidFileIsRefusedOrWarnedAbout(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let base = try #require(Self.testdata).appendingPathComponent("reqif/invalid")
            let names = try FileManager.default.contentsOfDirectory(atPath: base.path).filter { $0.hasSuffix(".reqif") }.sorted()
            #expect(names.count >= 12)
            var refused = 0
            for name in names {
                let url = base.appendingPathComponent(name)
                let plans: [ReqIFImportPlan]
                do {
                    plans = try ReqIFFileImport.plans(of: url)
                } catch let error as ReqIFError {
                    #expect(error.description.contains(name) && !error.message.isEmpty, "\(name): \(error)")
                    refused += 1
                    continue
                }
                let preview = try await ReqIFFileImport.preview(try f.editor, plans)
                #expect(preview.contains { !$0.warnings.isEmpty }, "\(name) imports only with a warning: \(preview.map(\.warnings))")
            }
            #expect(refused >= 8, "the malformed files are refused")
            #expect(try await RequirementModule.query(on: app.db).count() == 0)
            #expect(try await Artifact.query(on: app.db).count() == 0)
        }
    }

    /// Import → export → import into a second project gives the same modules, document trees, fields,
    /// attribute definitions and links; re-importing the export into the first project changes nothing.
    @Test(.enabled(if: testdata != nil, "SESA_TESTDATA is not set (CI sets it to ../shared/testdata)"), arguments: TestDatabase.all)
    func importExportImportGivesTheSameContent(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let lena = try await app.makeUser("lena@example.com", name: "Lena")
            for (index, url) in Self.validFiles().enumerated() {
                let name = url.lastPathComponent
                var contexts: [RequirementContext] = []
                for suffix in ["A", "B"] {
                    let project = try await app.makeProject("RT\(index)\(suffix)", lead: lena)
                    contexts.append(RequirementContext(database: app.db, projectID: try project.requireID(), role: .lead,
                                                       registry: app.artifactRegistry, actor: AuditActor(userID: lena.id, label: "lena"),
                                                       now: app.clock.now()))
                }
                try await ReqIFFileImport.apply(contexts[0], try ReqIFFileImport.plans(of: url), file: name)
                let exported = ReqIFWriter(timestamp: "2026-11-23T00:00:00Z").write(try await ReqIFExport.document(projectID: contexts[0].projectID, on: app.db, now: app.clock.now()))
                let plans = try ReqIFFileImport.plans(of: exported, name: "export.reqif")
                try await ReqIFFileImport.apply(contexts[1], plans, file: "export.reqif")
                let a = try await Self.content(contexts[0].projectID, on: app.db)
                let b = try await Self.content(contexts[1].projectID, on: app.db)
                #expect(a == b, "\(name): \(a.count) vs \(b.count) lines; first difference: \(zip(a, b).first { $0 != $1 }.map { "\($0) ≠ \($1)" } ?? "lengths")")
                // Each module's own CSV and XLSX sheets re-import without a change.
                for module in try await RequirementModule.query(on: app.db).filter(\.$projectID == contexts[0].projectID).all() {
                    let table = try await RequirementTable.export(module: module, on: app.db)
                    for sheet in [try CSVTable.read(table.write(), file: "m.csv"), try XLSXTable.read(try XLSXTable.write(table, sheet: "m"), file: "m.xlsx")] {
                        let preview = try await RequirementTable.preview(contexts[0], module: module, table: sheet, file: "m")
                        #expect(preview.count(.changed) == 0 && preview.count(.new) == 0,
                                "\(name) \(module.prefix) sheet: \(preview.changed.prefix(2).map(\.changes))")
                    }
                }
                let again = try await ReqIFFileImport.preview(contexts[0], plans)
                #expect(again.allSatisfy { $0.count(.new) == 0 && $0.count(.changed) == 0 && $0.newLinks.isEmpty },
                        "\(name): the export re-imported into its own project: \(again.map(\.summary))")
            }
        }
    }

    /// A project's requirement content as lines: modules, then each item in document order with its depth,
    /// type and fields (custom attributes by label), then attribute definitions, then links by item position.
    static func content(_ projectID: UUID, on db: any Database) async throws -> [String] {
        var lines: [String] = []
        var order: [UUID: Int] = [:]
        for module in try await RequirementModule.query(on: db).filter(\.$projectID == projectID).sort(\.$position).all() {
            let moduleID = try module.requireID()
            lines.append("module \(module.name) | \(module.description)")
            let attributes = try await AttributeDefinition.query(on: db).filter(\.$moduleID == moduleID).all()
            let labels = Dictionary(uniqueKeysWithValues: attributes.map { ("attr." + $0.name, "attr:" + $0.label) })
            for attribute in attributes.sorted(by: { $0.label < $1.label }) {
                lines.append("  attribute \(attribute.label) \(attribute.valueType.rawValue) [\(attribute.optionList.joined(separator: ", "))]")
            }
            let items = try await DocumentItem.query(on: db).filter(\.$moduleID == moduleID).all()
            let children = Dictionary(grouping: items, by: \.parentID).mapValues { $0.sorted { $0.position < $1.position } }
            func walk(_ parent: UUID?, depth: Int) async throws {
                for item in children[parent] ?? [] {
                    let id = try item.requireID()
                    order[id] = order.count
                    let artifact = try #require(try await Artifact.find(id, on: db))
                    let fields = try await ArtifactQueries.version(id, artifact.version, on: db).fields()
                    let described = fields.fieldNames.map { "\(labels[$0] ?? $0)=\(fields[$0])" }.sorted().joined(separator: "; ")
                    lines.append(String(repeating: "  ", count: depth + 1) + "\(item.itemType.rawValue) \(described)")
                    try await walk(id, depth: depth + 1)
                }
            }
            try await walk(nil, depth: 0)
        }
        let links = try await ArtifactLink.query(on: db).filter(\.$projectID == projectID).all()
        lines += links.map { "link \(order[$0.sourceID] ?? -1) \($0.kind) \(order[$0.targetID] ?? -1)" }.sorted()
        return lines
    }

    @Test(arguments: TestDatabase.all)
    func aReimportShowsExactlyTheChangeAndTurnsExactlyItsLinksSuspect(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let first = try Self.plan(Self.sample())
            let applied = try await ReqIFImporter.apply(try f.editor, first, file: "sample.reqif")
            #expect(applied.count(.new) == 4 && applied.newLinks.count == 2)
            let module = try #require(try await RequirementModule.query(on: app.db).filter(\.$projectID == (try f.atc.requireID())).first())
            #expect(module.name == "Radar spec")
            let items = try await DocumentItem.query(on: app.db).filter(\.$moduleID == (try module.requireID())).sort(\.$position).all()
            #expect(items.filter { $0.itemType == .section }.count == 1, "an object with only a chapter name is a section")
            #expect(items.filter { $0.parentID == nil }.count == 1, "the requirements sit under the section")
            let attributes = try await AttributeDefinition.query(on: app.db).filter(\.$moduleID == (try module.requireID())).all()
            #expect(attributes.map(\.label).sorted() == ["ASIL", "ReqIF.ForeignID"])
            #expect(attributes.first { $0.label == "ASIL" }?.valueType == .enumeration)

            let detect = try #require(try await Artifact.query(on: app.db).filter(\.$title == "Detect").first())
            let detectFields = try await f.fields(detect)
            #expect(detectFields["statement"] == .string("The radar shall detect targets within 50 km."))
            #expect(detectFields["xhtml.statement"].displayText.contains("<xhtml:b>50 km</xhtml:b>"))
            #expect(detectFields["attr.asil"] == .string("ASIL B"))

            // Change the text of "Track" only: the dry run shows exactly that, and applying it turns exactly
            // the links at Track suspect.
            let changed = try Self.plan(Self.sample(trackText: "The radar shall track 200 targets."))
            let preview = try await ReqIFImporter.preview(try f.editor, changed)
            #expect(preview.count(.changed) == 1 && preview.count(.unchanged) == 3 && preview.count(.new) == 0, "\(preview.summary)")
            let change = try #require(preview.changed.first)
            #expect(change.title == "Track")
            #expect(change.changes.map(\.field) == ["statement", "xhtml.statement"])
            #expect(change.changes.first?.after == "The radar shall track 200 targets.")
            #expect(preview.newLinks.isEmpty && preview.unchangedLinks == 2)

            try await ReqIFImporter.apply(try f.editor, changed, file: "sample.reqif")
            let links = try await ArtifactLink.query(on: app.db).filter(\.$projectID == (try f.atc.requireID())).all()
            let track = try #require(try await Artifact.query(on: app.db).filter(\.$title == "Track").first())
            for link in links {
                let touchesTrack = link.sourceID == track.id || link.targetID == track.id
                #expect(link.suspect == touchesTrack, "only links at Track turn suspect")
            }
            #expect(links.filter(\.suspect).count == 1)
            #expect(try await f.reload(track).version == 2)
            #expect(try await f.reload(detect).version == 1, "unchanged objects get no new version")
            #expect(try await f.auditActions("reqif.imported").count == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRefusedImportStoresNothing(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            // Two "refines" relations in opposite directions would close a refinement cycle.
            let plan = try Self.plan(Self.sample(relationType: "refines", reverse: true))
            await #expect(throws: RequirementInvalid.self) { try await ReqIFImporter.apply(try f.editor, plan, file: "cycle.reqif") }
            do {
                try await ReqIFImporter.apply(try f.editor, plan, file: "cycle.reqif")
            } catch let invalid as RequirementInvalid {
                #expect(invalid.errors[0].reason.contains("SPEC-RELATION R-2 (refines)") && invalid.errors[0].reason.contains("cycle"))
            }
            #expect(try await RequirementModule.query(on: app.db).count() == 0)
            #expect(try await Artifact.query(on: app.db).count() == 0)
            #expect(try await ReqIFIdentity.query(on: app.db).count() == 0)
            // Viewers may not import at all.
            await #expect(throws: Abort.self) { try await ReqIFImporter.preview(try f.context(.viewer, as: f.vic), plan) }
        }
    }

    static func plan(_ text: String) throws -> ReqIFImportPlan {
        ReqIFImportPlan(try ReqIFReader().read(Data(text.utf8), file: "sample.reqif").document)
    }

    /// A section "Radar" with three requirements (Detect, Track, Report) and two relations Track → Detect and
    /// Report → Detect (or, with `reverse`, Detect → Track, closing a cycle with the first).
    static func sample(trackText: String = "The radar shall track 100 targets.", relationType: String = "Parent-Child",
                       reverse: Bool = false) -> String
    {
        func object(_ id: String, name: String, text: String?, chapter: String? = nil, asil: String = "E-B") -> String {
            var values = """
                <ATTRIBUTE-VALUE-STRING THE-VALUE="\(name)"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>AD-NAME</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
                <ATTRIBUTE-VALUE-STRING THE-VALUE="F-\(id)"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>AD-FID</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
                <ATTRIBUTE-VALUE-ENUMERATION><DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>AD-ASIL</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION><VALUES><ENUM-VALUE-REF>\(asil)</ENUM-VALUE-REF></VALUES></ATTRIBUTE-VALUE-ENUMERATION>
                """
            if let text {
                values += """
                    <ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>AD-TEXT</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION><THE-VALUE><xhtml:div>\(text)</xhtml:div></THE-VALUE></ATTRIBUTE-VALUE-XHTML>
                    """
            }
            if let chapter {
                values += """
                    <ATTRIBUTE-VALUE-STRING THE-VALUE="\(chapter)"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>AD-CHAPTER</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
                    """
            }
            return """
                <SPEC-OBJECT IDENTIFIER="\(id)" LAST-CHANGE="2026-01-01T00:00:00Z"><TYPE><SPEC-OBJECT-TYPE-REF>T-REQ</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>\(values)</VALUES></SPEC-OBJECT>
                """
        }
        func relation(_ id: String, _ source: String, _ target: String) -> String {
            """
            <SPEC-RELATION IDENTIFIER="\(id)" LAST-CHANGE="2026-01-01T00:00:00Z"><TYPE><SPEC-RELATION-TYPE-REF>T-REL</SPEC-RELATION-TYPE-REF></TYPE><SOURCE><SPEC-OBJECT-REF>\(source)</SPEC-OBJECT-REF></SOURCE><TARGET><SPEC-OBJECT-REF>\(target)</SPEC-OBJECT-REF></TARGET></SPEC-RELATION>
            """
        }
        func node(_ id: String, _ object: String, _ children: String = "") -> String {
            """
            <SPEC-HIERARCHY IDENTIFIER="\(id)" LAST-CHANGE="2026-01-01T00:00:00Z"><OBJECT><SPEC-OBJECT-REF>\(object)</SPEC-OBJECT-REF></OBJECT>\(children.isEmpty ? "" : "<CHILDREN>\(children)</CHILDREN>")</SPEC-HIERARCHY>
            """
        }
        let def = #"LAST-CHANGE="2026-01-01T00:00:00Z"><TYPE>"#
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" xmlns:xhtml="http://www.w3.org/1999/xhtml">
              <THE-HEADER><REQ-IF-HEADER IDENTIFIER="H-1"><REQ-IF-TOOL-ID>test</REQ-IF-TOOL-ID><SOURCE-TOOL-ID>DOORS</SOURCE-TOOL-ID><TITLE>Radar</TITLE></REQ-IF-HEADER></THE-HEADER>
              <CORE-CONTENT><REQ-IF-CONTENT>
                <DATATYPES>
                  <DATATYPE-DEFINITION-STRING IDENTIFIER="DT-S" LAST-CHANGE="2026-01-01T00:00:00Z" MAX-LENGTH="1000"/>
                  <DATATYPE-DEFINITION-XHTML IDENTIFIER="DT-X" LAST-CHANGE="2026-01-01T00:00:00Z"/>
                  <DATATYPE-DEFINITION-ENUMERATION IDENTIFIER="DT-E" LAST-CHANGE="2026-01-01T00:00:00Z"><SPECIFIED-VALUES>
                    <ENUM-VALUE IDENTIFIER="E-A" LONG-NAME="ASIL A" LAST-CHANGE="2026-01-01T00:00:00Z"><PROPERTIES><EMBEDDED-VALUE KEY="1" OTHER-CONTENT=""/></PROPERTIES></ENUM-VALUE>
                    <ENUM-VALUE IDENTIFIER="E-B" LONG-NAME="ASIL B" LAST-CHANGE="2026-01-01T00:00:00Z"><PROPERTIES><EMBEDDED-VALUE KEY="2" OTHER-CONTENT=""/></PROPERTIES></ENUM-VALUE>
                  </SPECIFIED-VALUES></DATATYPE-DEFINITION-ENUMERATION>
                </DATATYPES>
                <SPEC-TYPES>
                  <SPEC-OBJECT-TYPE IDENTIFIER="T-REQ" LONG-NAME="Requirement" LAST-CHANGE="2026-01-01T00:00:00Z"><SPEC-ATTRIBUTES>
                    <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="AD-NAME" LONG-NAME="ReqIF.Name" \(def)<DATATYPE-DEFINITION-STRING-REF>DT-S</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>
                    <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="AD-FID" LONG-NAME="ReqIF.ForeignID" \(def)<DATATYPE-DEFINITION-STRING-REF>DT-S</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>
                    <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="AD-CHAPTER" LONG-NAME="ReqIF.ChapterName" \(def)<DATATYPE-DEFINITION-STRING-REF>DT-S</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>
                    <ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="AD-TEXT" LONG-NAME="ReqIF.Text" \(def)<DATATYPE-DEFINITION-XHTML-REF>DT-X</DATATYPE-DEFINITION-XHTML-REF></TYPE></ATTRIBUTE-DEFINITION-XHTML>
                    <ATTRIBUTE-DEFINITION-ENUMERATION IDENTIFIER="AD-ASIL" LONG-NAME="ASIL" MULTI-VALUED="false" \(def)<DATATYPE-DEFINITION-ENUMERATION-REF>DT-E</DATATYPE-DEFINITION-ENUMERATION-REF></TYPE></ATTRIBUTE-DEFINITION-ENUMERATION>
                  </SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE>
                  <SPEC-RELATION-TYPE IDENTIFIER="T-REL" LONG-NAME="\(relationType)" LAST-CHANGE="2026-01-01T00:00:00Z"/>
                  <SPECIFICATION-TYPE IDENTIFIER="T-SPEC" LONG-NAME="Specification" LAST-CHANGE="2026-01-01T00:00:00Z"/>
                </SPEC-TYPES>
                <SPEC-OBJECTS>
                  \(object("O-SEC", name: "", text: nil, chapter: "Radar"))
                  \(object("O-1", name: "Detect", text: "The radar shall detect targets within <xhtml:b>50 km</xhtml:b>."))
                  \(object("O-2", name: "Track", text: trackText))
                  \(object("O-3", name: "Report", text: "The radar shall report tracks every second."))
                </SPEC-OBJECTS>
                <SPEC-RELATIONS>
                  \(relation("R-1", "O-2", "O-1"))
                  \(reverse ? relation("R-2", "O-1", "O-2") : relation("R-2", "O-3", "O-1"))
                </SPEC-RELATIONS>
                <SPECIFICATIONS>
                  <SPECIFICATION IDENTIFIER="S-1" LONG-NAME="Radar spec" LAST-CHANGE="2026-01-01T00:00:00Z"><TYPE><SPECIFICATION-TYPE-REF>T-SPEC</SPECIFICATION-TYPE-REF></TYPE>
                    <CHILDREN>\(node("H-SEC", "O-SEC", node("H-1", "O-1") + node("H-2", "O-2") + node("H-3", "O-3")))</CHILDREN>
                  </SPECIFICATION>
                </SPECIFICATIONS>
              </REQ-IF-CONTENT></CORE-CONTENT>
            </REQ-IF>
            """
    }
}
