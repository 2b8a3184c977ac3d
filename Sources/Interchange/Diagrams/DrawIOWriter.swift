import Foundation

/// A draw.io (diagrams.net) file — mxGraph XML — for people who want to keep drawing from a generated view. Shapes
/// keep the ids the caller gives (element keys), so a drawing can be traced back to the model; labels are plain
/// text (`html=0`: draw.io never interprets them as markup), their lines joined with line breaks. Geometry is
/// taken as given: SESA's layout, not draw.io's, decides where things are.
public struct DrawIOWriter: Sendable {
    public struct Shape: Sendable, Equatable {
        public let id: String
        public let lines: [String]
        public let x: Double
        public let y: Double
        public let width: Double
        public let height: Double
        /// Shown by draw.io as the shape's link (the element's page in SESA).
        public let link: String?

        public init(id: String, lines: [String], x: Double, y: Double, width: Double, height: Double, link: String? = nil) {
            self.id = id
            self.lines = lines
            self.x = x
            self.y = y
            self.width = width
            self.height = height
            self.link = link
        }
    }

    public struct Edge: Sendable, Equatable {
        public let source: String
        public let target: String
        public let label: String?
        /// Tree lines are solid without arrows; interfaces dashed with an arrow at the target.
        public let dashed: Bool

        public init(source: String, target: String, label: String? = nil, dashed: Bool) {
            self.source = source
            self.target = target
            self.label = label
            self.dashed = dashed
        }
    }

    /// A diagram SESA should not have built: shape ids repeated or empty, or a connection to no shape.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init() {}

    /// The file. Shape ids must be unique and edges must name shapes; a violation is the caller's bug and refused.
    public func write(name: String, shapes: [Shape], edges: [Edge], width: Double, height: Double) throws -> String {
        var ids = Set<String>()
        for shape in shapes {
            guard !shape.id.isEmpty, ids.insert(shape.id).inserted else {
                throw Invalid(description: "the diagram \(name) has the shape id \(shape.id) twice (or an empty one)")
            }
        }
        for edge in edges where !ids.contains(edge.source) || !ids.contains(edge.target) {
            throw Invalid(description: "a connection in \(name) names a shape the diagram does not have (\(edge.source) → \(edge.target))")
        }
        func a(_ text: String) -> String { XMLEscape.escape(text, quotes: true) }
        func n(_ value: Double) -> String {
            let rounded = (value * 10).rounded() / 10
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <mxfile host="SESA" type="device">
              <diagram id="sesa" name="\(a(name))">
                <mxGraphModel dx="0" dy="0" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" \
            page="1" pageScale="1" pageWidth="\(n(width))" pageHeight="\(n(height))" math="0" shadow="0">
                  <root>
                    <mxCell id="0"/>
                    <mxCell id="1" parent="0"/>

            """
        for shape in shapes {
            let style = "rounded=1;whiteSpace=wrap;html=0;fillColor=#f8fafc;strokeColor=#334155;fontColor=#0f172a;"
            let value = a(shape.lines.joined(separator: "\n"))
            if let link = shape.link {
                xml += "        <UserObject label=\"\(value)\" link=\"\(a(link))\" id=\"\(a(shape.id))\">\n"
                xml += "          <mxCell style=\"\(style)\" vertex=\"1\" parent=\"1\">\n"
                xml += "            <mxGeometry x=\"\(n(shape.x))\" y=\"\(n(shape.y))\" width=\"\(n(shape.width))\" height=\"\(n(shape.height))\" as=\"geometry\"/>\n"
                xml += "          </mxCell>\n        </UserObject>\n"
            } else {
                xml += "        <mxCell id=\"\(a(shape.id))\" value=\"\(value)\" style=\"\(style)\" vertex=\"1\" parent=\"1\">\n"
                xml += "          <mxGeometry x=\"\(n(shape.x))\" y=\"\(n(shape.y))\" width=\"\(n(shape.width))\" height=\"\(n(shape.height))\" as=\"geometry\"/>\n"
                xml += "        </mxCell>\n"
            }
        }
        for (index, edge) in edges.enumerated() {
            let style = edge.dashed
                ? "curved=1;dashed=1;html=0;endArrow=block;strokeColor=#2563eb;"
                : "edgeStyle=orthogonalEdgeStyle;html=0;endArrow=none;strokeColor=#6b7280;exitX=0.5;exitY=1;entryX=0.5;entryY=0;"
            xml += "        <mxCell id=\"edge-\(index + 1)\" value=\"\(a(edge.label ?? ""))\" style=\"\(style)\" edge=\"1\" parent=\"1\" "
                + "source=\"\(a(edge.source))\" target=\"\(a(edge.target))\">\n"
            xml += "          <mxGeometry relative=\"1\" as=\"geometry\"/>\n        </mxCell>\n"
        }
        return xml + "      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n"
    }
}
