/// Checks requirement statements against the quality rules. Pure and fast (word scanning, no regex engine):
/// it runs on every save and over whole modules for the dashboard.
public struct QualityChecker: Sendable {
    /// Statements longer than this many words are hard to read and usually hold more than one requirement.
    public static let maximumWords = 60

    public static let rules: [QualityRule] = [
        QualityRule(
            id: "missing-shall", title: "No “shall”", severity: .error,
            explanation: "A requirement states an obligation with “shall”. “Should”, “may”, “will” and “must” read as wishes, permissions, facts or are ambiguous, so the statement is not binding.",
            badExample: "The system should log every failed sign-in.",
            goodExample: "The system shall log every failed sign-in."),
        QualityRule(
            id: "multiple-shall", title: "More than one “shall”", severity: .warning,
            explanation: "Two obligations in one statement cannot be verified, traced or approved separately. Split them.",
            badExample: "The pump shall start within 2 s and the valve shall open within 1 s.",
            goodExample: "The pump shall start within 2 s of a start command."),
        QualityRule(
            id: "compound", title: "Compound statement", severity: .warning,
            explanation: "A conjunction joining two actions (“and send”, “or display”, “as well as”) hides two requirements in one.",
            badExample: "The recorder shall store the track and send it to the archive.",
            goodExample: "The recorder shall store each track for 30 days."),
        QualityRule(
            id: "vague-term", title: "Vague term", severity: .warning,
            explanation: "Words such as “user-friendly”, “fast”, “adequate” or “robust” mean different things to different readers and cannot be tested. State a measurable value.",
            badExample: "The display shall be user-friendly and fast.",
            goodExample: "The display shall show a new track within 500 ms of detection."),
        QualityRule(
            id: "escape-clause", title: "Escape clause", severity: .warning,
            explanation: "“If possible”, “as appropriate”, “where applicable” let the supplier decide whether the requirement applies at all.",
            badExample: "The system shall encrypt backups if possible.",
            goodExample: "The system shall encrypt every backup with AES-256."),
        QualityRule(
            id: "open-ended", title: "Open-ended list", severity: .warning,
            explanation: "“etc.”, “and/or”, “such as” and “including but not limited to” leave the list open, so nobody can say when it is met.",
            badExample: "The report shall list faults, warnings, etc.",
            goodExample: "The report shall list faults and warnings."),
        QualityRule(
            id: "tbd", title: "TBD / TBC", severity: .error,
            explanation: "A requirement with a value to be determined or confirmed cannot be approved or verified. Resolve it or track it as an open point.",
            badExample: "The battery shall last TBD hours.",
            goodExample: "The battery shall supply 8 h of operation at 20 °C."),
        QualityRule(
            id: "superlative", title: "Unverifiable superlative", severity: .warning,
            explanation: "“Best”, “optimal”, “fastest”, “maximise” have no pass criterion. State the threshold.",
            badExample: "The planner shall compute the optimal route.",
            goodExample: "The planner shall compute a route no longer than 105 % of the shortest route."),
        QualityRule(
            id: "negative", title: "Negative statement", severity: .info,
            explanation: "“Shall not” and “never” describe what must not happen, which cannot be tested exhaustively. Prefer the positive behaviour, or make sure the negative is bounded.",
            badExample: "The system shall not lose data.",
            goodExample: "The system shall keep every committed record after a power loss."),
        QualityRule(
            id: "pronoun", title: "Pronoun without referent", severity: .warning,
            explanation: "“It”, “they”, “them” make the reader guess the subject; a requirement is read on its own, out of context.",
            badExample: "When the operator confirms, it shall close the valve.",
            goodExample: "When the operator confirms, the controller shall close the valve."),
        QualityRule(
            id: "too-long", title: "Over-long statement", severity: .info,
            explanation: "Statements over \(maximumWords) words are hard to review and usually hold more than one requirement.",
            badExample: "(a statement of more than \(maximumWords) words)",
            goodExample: "One sentence, one subject, one “shall”, one measurable condition."),
    ]

    public static func rule(_ id: String) -> QualityRule? { rules.first { $0.id == id } }

    /// Rule ids switched off for a project.
    public let disabled: Set<String>

    public init(disabled: Set<String> = []) { self.disabled = disabled }

    static let weakModals: Set<String> = ["should", "will", "may", "must", "might", "could", "can"]
    static let vagueTerms: [String] = [
        "user-friendly", "user friendly", "easy", "easily", "simple", "fast", "quickly", "quick", "adequate",
        "adequately", "sufficient", "sufficiently", "flexible", "robust", "efficient", "efficiently", "reasonable",
        "reasonably", "normal", "normally", "approximately", "several", "some", "many", "few", "minimal",
        "seamless", "seamlessly", "intuitive", "appropriate", "significant", "typical", "timely",
        "various", "relevant", "acceptable", "secure", "reliable",
    ]
    static let escapeClauses: [String] = [
        "if possible", "as appropriate", "as far as possible", "where possible", "where applicable", "if applicable",
        "if practical", "if practicable", "as required", "if necessary", "when necessary", "as necessary",
        "to the extent", "as needed", "if needed", "where appropriate", "as applicable",
    ]
    static let openEnded: [String] = ["etc", "and/or", "and so on", "and so forth", "including but not limited to",
                                      "such as", "among others"]
    static let openPointMarkers: Set<String> = ["tbd", "tbc", "tba", "tbr", "tbs"]
    static let superlatives: Set<String> = [
        "best", "optimal", "optimum", "optimally", "optimise", "optimize", "optimised", "optimized", "maximise",
        "maximize", "minimise", "minimize", "fastest", "ultimate", "perfect", "perfectly", "state-of-the-art",
    ]
    static let pronouns: Set<String> = ["it", "its", "they", "them", "their", "he", "she", "him", "her"]
    static let conjunctions: [String] = ["and", "or", "but"]
    /// Verbs that, after a conjunction, start a second action ("… and send …").
    static let actionVerbs: Set<String> = [
        "provide", "display", "send", "store", "record", "report", "calculate", "compute", "log", "notify", "accept",
        "reject", "support", "allow", "generate", "transmit", "receive", "monitor", "detect", "alert", "update",
        "maintain", "operate", "open", "close", "start", "stop", "shut", "save", "delete", "create", "print",
        "show", "raise", "issue", "measure", "control", "check", "verify", "validate", "encrypt", "decrypt",
        "export", "import", "archive", "forward", "trigger", "warn", "inform", "request", "respond", "return",
    ]

    public func check(_ statement: String) -> [QualityFinding] {
        let text = statement.lowercased()
        let words = Self.words(in: text)
        var findings: [QualityFinding] = []
        func add(_ id: String, _ message: String, _ match: String? = nil) {
            guard !disabled.contains(id), let rule = Self.rule(id) else { return }
            findings.append(QualityFinding(ruleID: id, severity: rule.severity, message: message, match: match))
        }
        guard !words.isEmpty else { return [] }

        let shallCount = words.filter { $0 == "shall" }.count
        if shallCount == 0 {
            if let weak = words.first(where: Self.weakModals.contains) {
                add("missing-shall", "Uses “\(weak)” instead of “shall”.", weak)
            } else {
                add("missing-shall", "States no obligation: there is no “shall”.")
            }
        } else if shallCount > 1 {
            add("multiple-shall", "Has \(shallCount) “shall”s: one requirement per statement.", "shall")
        }

        if let firstShall = words.firstIndex(of: "shall") {
            let rest = Array(words[(firstShall + 1)...])
            var compound: String?
            for (index, word) in rest.enumerated() where Self.conjunctions.contains(word) && index + 1 < rest.count {
                var next = index + 1
                if ["also", "then", "shall"].contains(rest[next]), next + 1 < rest.count { next += 1 }
                if Self.actionVerbs.contains(rest[next]) {
                    compound = "\(word) \(rest[index + 1...next].joined(separator: " "))"
                    break
                }
            }
            if compound == nil, text.contains(" as well as ") { compound = "as well as" }
            if let compound { add("compound", "Joins two actions (“\(compound)”): split it.", compound) }
        }

        let vague = Self.vagueTerms.filter { Self.contains(phrase: $0, in: words) }
        if !vague.isEmpty {
            add("vague-term", "Vague: " + vague.map { "“\($0)”" }.joined(separator: ", ") + ".", vague[0])
        }
        if let clause = Self.escapeClauses.first(where: { Self.contains(phrase: $0, in: words) }) {
            add("escape-clause", "“\(clause)” lets the requirement be skipped.", clause)
        }
        if let open = Self.openEnded.first(where: { $0 == "and/or" ? text.contains("and/or") : Self.contains(phrase: $0, in: words) }) {
            add("open-ended", "“\(open)” leaves the list open.", open)
        }
        if let marker = words.first(where: Self.openPointMarkers.contains) {
            add("tbd", "Contains “\(marker.uppercased())”.", marker.uppercased())
        }
        if let superlative = words.first(where: Self.superlatives.contains) ?? Self.mostOrLeast(words) {
            add("superlative", "“\(superlative)” cannot be verified: state a threshold.", superlative)
        }
        if let negative = Self.negative(words) { add("negative", "Negative statement (“\(negative)”).", negative) }
        if let pronoun = words.first(where: Self.pronouns.contains) {
            add("pronoun", "“\(pronoun)” has no referent inside the requirement.", pronoun)
        }
        if words.count > Self.maximumWords {
            add("too-long", "\(words.count) words (at most \(Self.maximumWords)).")
        }
        return findings
    }

    /// Lower-case words; letters, digits, `-`, `/` and `'` stay inside a word, everything else separates.
    static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "-" || character == "/" || character == "'" {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let joiners: Set<Character> = ["-", "/", "'"]
        return words.map { word in
            var trimmed = Substring(word)
            while let first = trimmed.first, joiners.contains(first) { trimmed = trimmed.dropFirst() }
            while let last = trimmed.last, joiners.contains(last) { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.filter { !$0.isEmpty }
    }

    static func contains(phrase: String, in words: [String]) -> Bool {
        let parts = Self.words(in: phrase)
        guard !parts.isEmpty, parts.count <= words.count else { return false }
        if parts.count == 1 { return words.contains(parts[0]) }
        for start in 0...(words.count - parts.count) where words[start] == parts[0] {
            if Array(words[start..<(start + parts.count)]) == parts { return true }
        }
        return false
    }

    static func mostOrLeast(_ words: [String]) -> String? {
        for (index, word) in words.enumerated() where (word == "most" || word == "least") && index + 1 < words.count {
            // "at least 5", "at most 3" are measurable
            if index > 0 && words[index - 1] == "at" { continue }
            if words[index + 1].first?.isNumber == true { continue }
            return "\(word) \(words[index + 1])"
        }
        return nil
    }

    static func negative(_ words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if ["never", "cannot"].contains(word) { return word }
            if word == "not", index > 0, ["shall", "must", "will", "should", "may", "can", "does", "do"].contains(words[index - 1]) {
                return "\(words[index - 1]) not"
            }
        }
        return nil
    }
}
