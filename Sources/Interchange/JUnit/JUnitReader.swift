import Foundation

/// Reads JUnit and NUnit 3 XML reports with the interchange tokenizer: streaming, and XXE-safe by construction
/// (a DOCTYPE is refused, so no entity can be declared, expanded or fetched).
public enum JUnitReader {
    public static let defaultMaxBytes = 64 * 1_048_576

    public static func read(_ data: Data, file: String, maxBytes: Int = defaultMaxBytes) throws -> JUnitReport {
        guard data.count <= maxBytes else {
            throw JUnitError(file: file, "the file is \(data.count / 1_048_576) MB; the limit is \(maxBytes / 1_048_576) MB")
        }
        let head = [UInt8](data.prefix(4))
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) {
            throw JUnitError(file: file, line: 1, "the file is UTF-16; test reports must be UTF-8")
        }
        guard data.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }) else {
            throw JUnitError(file: file, "the file is empty")
        }
        var offset = data.startIndex
        let tokenizer = XMLTokenizer(chunkSize: 1 << 18) { buffer in
            let count = min(buffer.count, data.endIndex - offset)
            data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: offset..<(offset + count))
            offset += count
            return count
        }
        let handler = JUnitHandler(file: file)
        do {
            try tokenizer.run(handler)
        } catch let error as XMLSyntaxError {
            throw JUnitError(file: file, line: error.line, error.refused ? error.message : "the XML is malformed (\(error.message))")
        }
        guard let format = handler.format else {
            throw JUnitError(file: file, "there is no testsuites, testsuite or test-run element: this is not a JUnit or NUnit report")
        }
        guard tokenizer.rootClosed else {
            throw JUnitError(file: file, line: tokenizer.currentLine, "the file ends before its root element closes: it is cut off")
        }
        return JUnitReport(format: format, testcases: handler.testcases)
    }
}

/// Collects test cases from the token stream. JUnit marks a failed case with a `failure` child, an errored one with
/// `error`, a skipped one with `skipped`; NUnit 3 with `result` (and `label="Error"` for errors).
final class JUnitHandler: XMLTokenHandler {
    let file: String
    var format: JUnitReport.Format?
    var testcases: [JUnitTestCase] = []
    var suites: [String] = []
    var current: JUnitTestCase?
    var depth = 0
    /// The element whose text is being collected (`failure`, `message`, `property`, …) and its bytes.
    var collecting: String?
    var text: [UInt8] = []
    var pendingProperty: String?
    var messageFromAttribute = false

    static let maxMessage = 4_000

    init(file: String) { self.file = file }

    func startElement(_ element: XMLName, attributes: XMLAttributes, line: Int) throws {
        let name = element.string
        depth += 1
        if depth == 1 {
            switch name {
            case "testsuites", "testsuite": format = .junit
            case "test-run", "test-suite": format = .nunit
            default:
                throw JUnitError(file: file, line: line, "the root element is <\(name)>, not <testsuites>, <testsuite> or <test-run>: "
                                 + "this is not a JUnit or NUnit report")
            }
        }
        switch (format, name) {
        case (.junit, "testsuite"), (.nunit, "test-suite"):
            suites.append(attributes["name"] ?? "")
        case (.junit, "testcase"):
            current = JUnitTestCase(name: attributes["name"] ?? "", classname: attributes["classname"] ?? attributes["class"] ?? "",
                                    suite: suites.last ?? "", duration: attributes["time"].flatMap(Self.seconds), outcome: .passed,
                                    message: "", properties: [], line: line)
        case (.nunit, "test-case"):
            let result = (attributes["result"] ?? "").lowercased()
            let label = (attributes["label"] ?? "").lowercased()
            let outcome: JUnitTestCase.Outcome = switch result {
            case "passed", "warning": .passed
            case "failed": label == "error" || label == "cancelled" ? .error : .failed
            default: .skipped  // Skipped, Ignored, Inconclusive, Explicit
            }
            current = JUnitTestCase(name: attributes["name"] ?? "", classname: attributes["classname"] ?? "",
                                    suite: suites.last ?? "", duration: attributes["duration"].flatMap(Self.seconds), outcome: outcome,
                                    message: "", properties: [], line: line)
        case (_, "failure"), (_, "error"), (_, "skipped"):
            guard current != nil, format == .junit else { return }  // NUnit says it in `result`; its text is in `message`
            let outcome: JUnitTestCase.Outcome = name == "failure" ? .failed : name == "error" ? .error : .skipped
            // A case with several children keeps the worst: error, then failure, then skipped.
            let rank: [JUnitTestCase.Outcome: Int] = [.passed: 0, .skipped: 1, .failed: 2, .error: 3]
            if rank[outcome]! > rank[current!.outcome]! {
                current!.outcome = outcome
                let message = attributes["message"] ?? ""
                current!.message = Self.shortened(message)
                messageFromAttribute = !message.isEmpty
            }
            if !messageFromAttribute { startCollecting(name) }
        case (.nunit, "message"):
            if current != nil, current!.message.isEmpty { startCollecting(name) }
        case (_, "property"):
            guard let propertyName = attributes["name"], current != nil else { return }
            if let value = attributes["value"] {
                current!.properties.append(.init(name: propertyName, value: value))
            } else {
                pendingProperty = propertyName
                startCollecting(name)
            }
        default:
            break
        }
    }

    func endElement(_ element: XMLName, line: Int) throws {
        let name = element.string
        depth -= 1
        if collecting == name {
            let value = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if name == "property", let propertyName = pendingProperty {
                current?.properties.append(.init(name: propertyName, value: value))
                pendingProperty = nil
            } else if current != nil, current!.message.isEmpty {
                current!.message = Self.shortened(value)
            }
            collecting = nil
            text.removeAll(keepingCapacity: true)
        }
        switch (format, name) {
        case (.junit, "testsuite"), (.nunit, "test-suite"): _ = suites.popLast()
        case (.junit, "testcase"), (.nunit, "test-case"):
            if let done = current { testcases.append(done) }
            current = nil
            messageFromAttribute = false
        default: break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard collecting != nil, text.count < Self.maxMessage * 4 else { return }
        text.append(contentsOf: bytes.prefix(Self.maxMessage * 4 - text.count))
    }

    func startCollecting(_ name: String) {
        collecting = name
        text.removeAll(keepingCapacity: true)
    }

    static func seconds(_ text: String) -> Double? {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")), value.isFinite, value >= 0
        else { return nil }
        return value
    }

    static func shortened(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count > maxMessage ? String(trimmed.prefix(maxMessage - 1)) + "…" : trimmed
    }
}
