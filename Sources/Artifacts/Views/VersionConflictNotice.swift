import Platform
import Plot

/// Both sides of a version conflict, field by field: the current version (someone else's change) and what the
/// user tried to save. Used by the error page and by forms that re-render themselves after a 409.
public struct VersionConflictNotice: Component {
    public let conflict: VersionConflict

    public init(conflict: VersionConflict) { self.conflict = conflict }

    public var body: Component {
        Div {
            H2("What differs")
            Table(
                header: TableRow {
                    TableHeaderCell("Field")
                    TableHeaderCell("Current version \(conflict.currentVersion) (by \(HTMLEscape.text(conflict.currentBy)))")
                    TableHeaderCell("Your change to version \(conflict.yourVersion)")
                }
            ) {
                for field in conflict.differingFields {
                    TableRow {
                        TableCell(HTMLEscape.text(field))
                        TableCell(HTMLEscape.text(conflict.current[field].displayText)).class("theirs")
                        TableCell(HTMLEscape.text(conflict.yours[field].displayText)).class("yours")
                    }
                }
            }.class("conflict")
        }.class("version-conflict")
    }
}
