import Artifacts
import Foundation

/// Fields an import brought that no form edits: `reqif.*` (standard ReqIF values SESA has no field for) and
/// `xhtml.*` (the XHTML a field's text came from, kept for a lossless export). An edit keeps them — an XHTML
/// original only while the field it renders (or the title) is unchanged, since after a change the plain text
/// is the truth and the export writes it.
enum ImportedFields {
    static func isImported(_ name: String) -> Bool {
        name.hasPrefix("reqif.") || name.hasPrefix("xhtml.")
    }

    /// `fields` (the edit) plus what of `current` it must keep.
    static func carry(from current: ArtifactFields, currentTitle: String, into fields: ArtifactFields, title: String) -> ArtifactFields {
        var result = fields
        for name in current.fieldNames where isImported(name) && !fields.values.keys.contains(name) {
            if name.hasPrefix("xhtml.") {
                let rendered = String(name.dropFirst("xhtml.".count))
                let unchanged = rendered == "title"
                    ? currentTitle.trimmingCharacters(in: .whitespacesAndNewlines) == title.trimmingCharacters(in: .whitespacesAndNewlines)
                    : current[rendered] == fields[rendered] || (rendered.hasPrefix("reqif.") && fields[rendered] == .null)
                guard unchanged else { continue }
            }
            result[name] = current[name]
        }
        return result
    }
}
