import Platform

/// Columns of later modules that name a delivery organisation (element and interface owners, interface sides,
/// scope allocations) or a phase (scope allocations): a named organisation or phase cannot be deleted.
public enum GovernanceReferences {
    public static let organisations = ColumnReferences()
    public static let phases = ColumnReferences()
}
