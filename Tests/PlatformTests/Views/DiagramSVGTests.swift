import Foundation
import Interchange
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Platform
import SesaTesting
import Testing
import TraceEngine

/// The generated diagrams: well-formed SVG, escaped text, the checked-in snapshots of a small architecture and a
/// hand-built N² matrix, and no overlapping boxes at 50 nodes.
@Suite struct DiagramSVGTests {
    static func isWellFormed(_ svg: String) -> Bool {
        XMLParser(data: Data(svg.utf8)).parse()
    }

    static let architecture: [TreeLayout.Node] = [
        .init(parent: nil, label: "UAV system"),
        .init(parent: 0, label: "Flight control computer"), .init(parent: 0, label: "Power distribution unit"),
        .init(parent: 0, label: "Communication <&> link"), .init(parent: 1, label: "Inertial measurement unit"),
        .init(parent: 1, label: "GNSS receiver"), .init(parent: 2, label: "Battery"),
    ]

    @Test func anArchitectureViewMatchesItsSnapshot() throws {
        let diagram = TreeDiagramSVG(title: "UAV architecture \"A\"", nodes: Self.architecture,
                                     connections: [.init(from: 4, to: 6, label: "28 V power"), .init(from: 5, to: 3, label: "position")],
                                     links: Self.architecture.indices.map { "/projects/UAV/elements/E-\($0)" })
        let svg = diagram.render()
        #expect(Self.isWellFormed(svg))
        #expect(svg.contains("Communication &lt;&amp;&gt; link") && svg.contains("UAV architecture &quot;A&quot;"))
        #expect(svg.contains(#"<a href="/projects/UAV/elements/E-3">"#))
        #expect(!diagram.layout.hasOverlaps)
        try Snapshot.check(svg, named: "architecture-uav.svg")
    }

    @Test func theArchitectureAsDrawIOKeepsBoxesIDsAndText() throws {
        let diagram = TreeDiagramSVG(title: "UAV architecture", nodes: Self.architecture, connections: [.init(from: 4, to: 6, label: "28 V & data")],
                                     links: ["/projects/UAV/elements/SYS-1"])
        let ids = Self.architecture.indices.map { "E-\($0)" }
        let xml = try diagram.drawIO(ids: ids)
        #expect(Self.isWellFormed(xml))
        #expect(xml.contains(#"<UserObject label="UAV system" link="/projects/UAV/elements/SYS-1" id="E-0">"#))
        #expect(xml.contains(#"value="Communication &lt;&amp;&gt; link""#))
        #expect(xml.contains(#"value="Inertial measurement&#10;unit""#), "wrapped lines become line breaks")
        #expect(xml.contains(#"value="28 V &amp; data""#) && xml.contains(#"source="E-4" target="E-6""#))
        #expect(xml.components(separatedBy: "vertex=\"1\"").count - 1 == 7)
        #expect(xml.components(separatedBy: "edge=\"1\"").count - 1 == 6 + 1, "six tree lines and one connection")
        let box = diagram.layout.boxes[4]
        #expect(xml.contains(#"<mxGeometry x="\#(TreeDiagramSVG.n(box.x))" y="\#(TreeDiagramSVG.n(box.y))""#))
        try Snapshot.check(xml, named: "architecture-uav.drawio")
        #expect(throws: DrawIOWriter.Invalid.self) { try diagram.drawIO(ids: ["A", "A", "B", "C", "D", "E", "F"]) }
    }

    @Test func theN2TableSaysInWordsWhatEachCellCounts() throws {
        let matrix = Self.n2
        let table = N2MatrixTable(caption: "Interfaces at subsystem level", matrix: matrix,
                                  elements: Self.n2Elements,
                                  link: { "/projects/UAV/interfaces?from=\($0)&to=\($1)" })
        let html = table.node().render()
        #expect(Self.isWellFormed(html), "the table is well-formed markup")
        #expect(html.contains(#"<caption>Interfaces at subsystem level</caption>"#))
        #expect(html.contains(#"<th scope="col"><abbr title="Power &lt;distribution&gt;">PWR</abbr></th>"#))
        #expect(html.contains(#"<th scope="row">PWR <span class="n2-name">Power &lt;distribution&gt;</span></th>"#))
        #expect(html.contains(#"<td class="n2-cell n2-directed"><a href="/projects/UAV/interfaces?from=0&amp;to=1" aria-label="2 interfaces from PWR to NAV (1 without direction)""#))
        #expect(html.contains(#"aria-label="1 interface between NAV and PWR, without direction""#))
        #expect(html.contains(#"<td class="n2-diagonal">NAV<span class="n2-internal"> (1 interface inside NAV)</span></td>"#))
        #expect(html.components(separatedBy: "<td").count - 1 == 3 * 3 + 1)
        #expect(html.components(separatedBy: "<a ").count - 1 == 5, "five non-empty off-diagonal cells")
    }

    @Test func fiftyNodesDrawWithoutOverlapAndWellFormed() {
        let nodes = (0..<50).map { TreeLayout.Node(parent: $0 == 0 ? nil : ($0 - 1) / 4, label: "Element \($0) of the system") }
        let diagram = TreeDiagramSVG(title: "Fifty", nodes: nodes)
        #expect(!diagram.layout.hasOverlaps)
        #expect(Self.isWellFormed(diagram.render()))
        #expect(diagram.render().components(separatedBy: "<rect").count - 1 == 50)
    }

    /// PWR → NAV twice (once undirected), NAV ↔ COM, COM → PWR; one interface inside NAV.
    static let n2 = N2Matrix(parents: [nil, nil, nil, 1], rows: [0, 1, 2], interfaces: [
        .init(a: 0, b: 1, direction: .aToB), .init(a: 0, b: 1, direction: .undirected), .init(a: 1, b: 2, direction: .bidirectional),
        .init(a: 0, b: 2, direction: .bToA), .init(a: 3, b: 1, direction: .aToB),
    ])
    static let n2Elements: [N2MatrixSVG.Element] = [.init(key: "PWR", name: "Power <distribution>"), .init(key: "NAV", name: "Navigation"),
                                                    .init(key: "COM", name: "Communication")]

    @Test func anN2MatrixMatchesItsSnapshot() throws {
        let matrix = Self.n2
        let svg = N2MatrixSVG(title: "N² at subsystem level", matrix: matrix,
                              elements: Self.n2Elements,
                              link: { "/projects/UAV/interfaces?from=\($0)&to=\($1)" }).render()
        #expect(Self.isWellFormed(svg))
        #expect(svg.contains("Power &lt;distribution&gt;") && svg.contains("from=0&amp;to=1"))
        #expect(svg.contains("<title>2 interfaces from PWR to NAV (1 without direction)</title>"))
        #expect(svg.contains("<title>1 interface between NAV and PWR, without direction</title>"))
        #expect(svg.contains("<title>1 interface from COM to PWR</title>"))
        #expect(svg.contains("<title>1 internal</title>"))
        try Snapshot.check(svg, named: "n2-uav.svg")
    }
}
