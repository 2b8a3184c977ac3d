import Foundation

/// Why a ReqIF file cannot be imported: the file, where (line and column when known) and what is wrong.
public struct ReqIFError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ", line \(line)" + (column.map { ", column \($0)" } ?? "") }
        return "\(place): \(message)"
    }
}

/// Something odd but harmless in a ReqIF file, reported with the import.
public struct ReqIFWarning: Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var message: String

    public var description: String { (line.map { "line \($0): " } ?? "") + message }
}
