/// `--flag value` pairs: each handed to `apply`, which returns false for a flag it does not know.
enum BenchFlags {
    static func parse(_ arguments: [String], _ apply: (_ flag: String, _ value: String) throws -> Bool) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw RequirementsBenchmark.BenchError("\(flag) needs a value") }
            guard try apply(flag, value) else { throw RequirementsBenchmark.BenchError("unknown option \(flag)") }
        }
    }

    static func number(_ text: String, _ flag: String, minimum: Int) throws -> Int {
        try RequirementsBenchmark.Options.number(text, flag, minimum: minimum)
    }
}
