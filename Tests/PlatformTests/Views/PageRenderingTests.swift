import Foundation
@testable import Platform
import Plot
import SesaApp
import SesaTesting
import Testing
import Vapor
import VaporTesting

@Suite struct PageRenderingTests {
    func context(flashes: [Flash] = [], switcher: ProjectSwitcher? = nil) -> PageContext {
        PageContext(
            navigation: [.init(title: "Status", href: "/", order: 1)], currentPath: "/", flashes: flashes,
            projectSwitcher: switcher, assets: AssetManifest(versions: ["app.css": "abc", "app.js": "def"]),
            version: "9.9.9", environment: .development)
    }

    struct Probe: PageView {
        var pageTitle: String { "Probe <b>" }
        var breadcrumbs: [Breadcrumb] { [Breadcrumb("Home", href: "/"), Breadcrumb("Here")] }
        func content() -> Component { Paragraph("<script>alert(1)</script>") }
    }

    @Test func layoutHasTheChromeAndNoInlineScriptOrStyle() {
        let html = Probe().document(in: context(
            flashes: [Flash(.success, "Saved <ok>")],
            switcher: ProjectSwitcher(current: "ATC", options: [.init(key: "ATC", name: "Air traffic", href: "/p/ATC")])))
        #expect(html.hasPrefix("<!DOCTYPE html><html lang=\"en\">"))
        #expect(html.contains(#"<link rel="stylesheet" href="/static/app.css?v=abc""#))
        #expect(html.contains(#"<script src="/static/app.js?v=def"></script>"#))
        #expect(html.contains(#"<a href="/" aria-current="page">Status</a>"#))
        #expect(html.contains(#"<nav class="breadcrumbs" aria-label="Breadcrumb">"#))
        #expect(html.contains(#"<li aria-current="page">Here</li>"#))
        #expect(html.contains("Saved &lt;ok&gt;"))
        #expect(html.contains(#"<span class="project-key">ATC</span>"#))
        #expect(html.contains("SESA 9.9.9"))
        #expect(html.contains("<title>Probe &lt;b&gt; · SESA</title>"))
        // No inline code: the CSP would block it, so none may exist.
        #expect(!html.contains("<style") && !html.contains(" style=") && !html.contains("<script>"))
        #expect(!html.contains("onclick") && !html.contains("javascript:"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func anEmptyOptionValueIsKeptSoTheFormSubmitsIt() {
        // Plot drops empty attributes; an <option> without `value` would submit its title ("None") instead.
        let html = Div { SelectField("Programme", name: "program_id", options: [("", "None"), ("p1", "Avionics")]) }.render()
        // `value` with no text is an empty value in HTML: the browser submits "".
        #expect(html.contains(#"<option value selected="selected">None</option>"#))
        #expect(html.contains(#"<option value="p1">Avionics</option>"#))
    }

    @Test func attributeEscapingClosesTheGapPlotLeaves() {
        let hostile = #"x" onmouseover="alert(1)"#
        #expect(HTMLEscape.attribute(hostile) == "x&quot; onmouseover=&quot;alert(1)")
        #expect(HTMLEscape.attribute("<a href='x'>&") == "&lt;a href=&#39;x&#39;&gt;&amp;")
        let crumb = BreadcrumbTrail(crumbs: [Breadcrumb("x", href: hostile), Breadcrumb("y")]).render()
        #expect(!crumb.contains(#"" onmouseover"#))
        #expect(HTMLEscape.text("&lt;") == "&amp;lt;")
    }

    @Test(arguments: TestDatabase.all)
    func homePageShowsTheInstanceStatus(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            // The in-process worker reports within moments of start.
            #expect(try await eventually { try await app.send(.GET, "/").text.contains("This instance is ready.") })
            let response = try await app.send(.GET, "/")
            let html = response.text
            #expect(response.status == .ok)
            #expect(html.contains("All checks pass. This instance is ready."))
            #expect(html.contains("<td>Background jobs</td>"))
            #expect(html.contains(database.testDescription))
            #expect(html.contains("up to date (\(SesaApp.migrations.count) migration"))
            #expect(html.contains("<dt>Installed</dt><dd>20"))
            #expect(html.contains("UTC"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func homePageSaysWhatToDoWhenNotReady(database: TestDatabase) async throws {
        try await withApp(on: database, migrated: false) { app in
            let html = try await app.send(.GET, "/").text
            #expect(html.contains("This instance is not ready."))
            #expect(html.contains("pending — run `sesa migrate`"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func statusAPIMirrorsThePage(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let status = try await app.send(.GET, "/api/v1/status").decode(InstanceStatus.self)
            #expect(status.version == SesaVersion.current)
            #expect(status.environment == "testing")
            #expect(status.database == database.testDescription)
            #expect(status.databaseReachable)
            #expect(status.migrationsPending.isEmpty)
            #expect(status.installedVersion == SesaVersion.current)
            #expect(status.checks.map(\.name) == ["database", "migrations", "jobs"])
        }
    }
}
