import Fluent
import Foundation
import Platform

/// Tables of later modules whose rows name a system element in a column of their own (an interface's two ends,
/// a scope allocation), registered by those modules: an element they still name cannot be deleted, and the
/// refusal says by what.
public enum ElementReferences {
    static let columns = ColumnReferences()

    public static func register(table: String, column: String, noun: String) {
        columns.register(table: table, column: column, noun: noun)
    }

}
