/// Why the configuration cannot be used. Start-up prints one line per problem and exits non-zero.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The variable (or file) at fault, e.g. `SESA_SECRET_KEY`.
        public let variable: String
        public let reason: String
        public var description: String { "\(variable): \(reason)" }
    }

    public let problems: [Problem]

    public init(problems: [Problem]) { self.problems = problems }

    public var description: String {
        (["SESA cannot start with this configuration:"] + problems.map { "  - \($0)" }).joined(separator: "\n")
    }
}
