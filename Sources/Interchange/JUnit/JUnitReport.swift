import Foundation

/// A test report as CI tools write it — JUnit XML (`testsuites`/`testsuite`/`testcase`, the de-facto format of
/// JUnit, pytest, Jest, PHPUnit, XCTest, Go and most others) or NUnit 3 (`test-run`/`test-case`) — reduced to what
/// verification needs: one entry per test case with its outcome, message and properties.
public struct JUnitReport: Sendable, Equatable {
    public enum Format: String, Sendable { case junit, nunit }

    public var format: Format
    public var testcases: [JUnitTestCase]

    public func count(_ outcome: JUnitTestCase.Outcome) -> Int { testcases.reduce(0) { $0 + ($1.outcome == outcome ? 1 : 0) } }
}

public struct JUnitTestCase: Sendable, Equatable {
    public enum Outcome: String, Sendable, CaseIterable { case passed, failed, error, skipped }

    public struct Property: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var name: String
    /// The class (JUnit `classname`, NUnit `classname`); empty when the tool gives none.
    public var classname: String
    /// The innermost suite's name.
    public var suite: String
    /// Seconds, when the report says.
    public var duration: Double?
    public var outcome: Outcome
    /// The failure, error or skip message (the `message` attribute, else the element's text), trimmed and shortened.
    public var message: String
    /// The test case's own properties in document order (a name may repeat).
    public var properties: [Property]
    /// The line of the test case's start tag.
    public var line: Int

    public init(name: String, classname: String, suite: String, duration: Double?, outcome: Outcome, message: String,
                properties: [Property], line: Int)
    {
        self.name = name
        self.classname = classname
        self.suite = suite
        self.duration = duration
        self.outcome = outcome
        self.message = message
        self.properties = properties
        self.line = line
    }

    /// `classname.name`, or the name alone: what name-pattern mappings match.
    public var fullName: String { classname.isEmpty ? name : classname + "." + name }

    public func property(_ names: String...) -> String? {
        for name in names {
            if let value = properties.first(where: { $0.name == name })?.value.trimmingCharacters(in: .whitespacesAndNewlines),
               !value.isEmpty
            {
                return value
            }
        }
        return nil
    }
}

/// Why a report cannot be read: the file, the line when known, and the reason.
public struct JUnitError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { file + (line.map { ", line \($0)" } ?? "") + ": " + message }
}
