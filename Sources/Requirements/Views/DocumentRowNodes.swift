import Dispatch
import Foundation
import Platform
import Plot
import TraceEngine

/// The document's rows built from Plot nodes rather than components. Plot reflects over every component it
/// renders (looking for environment values), and at 2,000 rows with a dozen components each that reflection
/// was most of the page's time; nodes render straight into the output. The markup is the one the components
/// produced, so styles, scripts and tests see no difference.
struct DocumentRowNodes {
    typealias BodyNode = Node<HTML.BodyContext>

    let projectKey: String
    let selectable: Bool

    func document(_ rows: [RequirementQueries.DocumentRow]) -> BodyNode {
        .element(named: "div", nodes: [.attribute(named: "class", value: "document"), .raw(rendered(rows))])
    }

    /// The rows' HTML. A long document renders in chunks on every core (each chunk its own node tree, joined
    /// in order): rendering is CPU-bound and a 2,000-row module would otherwise hold one thread for most of
    /// the request.
    func rendered(_ rows: [RequirementQueries.DocumentRow]) -> String {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, 8, rows.count / 250)
        guard workers > 1 else { return BodyNode.group(rows.map(row)).render() }
        let parts = RenderedParts(count: workers)
        let chunk = (rows.count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { index in
            let slice = rows[min(index * chunk, rows.count)..<min((index + 1) * chunk, rows.count)]
            parts.set(index, BodyNode.group(slice.map(row)).render())
        }
        return parts.joined()
    }

    /// The chunks' output, written once per chunk from the rendering threads.
    private final class RenderedParts: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [String]

        init(count: Int) { parts = Array(repeating: "", count: count) }

        func set(_ index: Int, _ html: String) { lock.withLock { parts[index] = html } }
        func joined() -> String { lock.withLock { parts.joined() } }
    }

    func row(_ row: RequirementQueries.DocumentRow) -> BodyNode {
        let link = RequirementRoute.item(project: projectKey, key: row.key).path
        var nodes: [BodyNode] = [
            .attribute(named: "class", value: "doc-item doc-\(row.type.rawValue) depth-\(min(row.depth, 6))"),
            .attribute(named: "id", value: "item-\(HTMLEscape.attribute(row.key))"),
        ]
        if row.type == .section {
            nodes.append(.element(named: "h\(min(row.depth + 2, 6))", nodes: [
                HTMLEscape.textNode(row.number + " "), anchor(link, [HTMLEscape.textNode(row.title)]),
            ]))
            if !row.statement.isEmpty { nodes.append(MarkdownText.node(row.statement)) }
            return .element(named: "div", nodes: nodes)
        }
        var head: [BodyNode] = [.attribute(named: "class", value: "requirement-head")]
        if selectable {
            head.append(.element(named: "label", nodes: [
                .selfClosedElement(named: "input", attributes: [
                    Attribute(name: "type", value: "checkbox"), Attribute(name: "name", value: "items[]"),
                    Attribute(name: "value", value: HTMLEscape.attribute(row.key)),
                ]),
                span("visually-hidden", "Select \(row.key)"),
            ]))
        }
        head.append(span("number", row.number))
        head.append(anchor(link, [.attribute(named: "class", value: "key"), HTMLEscape.textNode(row.key)]))
        head.append(.element(named: "strong", nodes: [HTMLEscape.textNode(row.title)]))
        let statusTitle = RequirementStatus(rawValue: row.status)?.title ?? row.status
        if selectable {
            // Inline status: app.js turns this link into a menu of the allowed transitions; without script it
            // leads to the status form on the requirement's page.
            head.append(.element(named: "a", nodes: [
                .attribute(named: "class", value: "badge status-\(HTMLEscape.attribute(row.status)) inline-status"),
                .attribute(named: "href", value: HTMLEscape.attribute(link) + "#status"),
                .attribute(named: "data-status", value: HTMLEscape.attribute(row.status)),
                .attribute(named: "data-version", value: String(row.version)),
                .attribute(named: "title", value: "Change the status of " + HTMLEscape.attribute(row.key)),
                HTMLEscape.textNode(statusTitle),
            ]))
        } else {
            head.append(span("badge status-\(HTMLEscape.attribute(row.status))", statusTitle))
        }
        if row.suspectLinks > 0 {
            head.append(span("badge badge-danger", row.suspectLinks == 1 ? "1 suspect link" : "\(row.suspectLinks) suspect links"))
        }
        head.append(.element(named: "span", nodes: [.attribute(named: "class", value: "findings")] + row.findings.map { id in
            let rule = QualityChecker.rule(id)
            return .element(named: "span", nodes: [
                .attribute(named: "class", value: "badge badge-warning"),
                .attribute(named: "title", value: HTMLEscape.attribute(rule?.explanation ?? "")),
                HTMLEscape.textNode(rule?.title ?? id),
            ])
        }))
        nodes.append(.element(named: "div", nodes: head))
        nodes.append(MarkdownText.node(row.statement))
        return .element(named: "div", nodes: nodes)
    }

    private func anchor(_ href: String, _ nodes: [BodyNode]) -> BodyNode {
        .element(named: "a", nodes: [.attribute(named: "href", value: HTMLEscape.attribute(href))] + nodes)
    }

    private func span(_ className: String, _ text: String) -> BodyNode {
        .element(named: "span", nodes: [.attribute(named: "class", value: className), HTMLEscape.textNode(text)])
    }
}
