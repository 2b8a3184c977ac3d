import Foundation
@testable import Interchange
import SesaTesting
import Testing

/// The JUnit/NUnit reader on the shared CI reports (via `SESA_TESTDATA`) and on hostile input.
@Suite struct JUnitReaderTests {
    static let testdata: URL? = ProcessInfo.processInfo.environment["SESA_TESTDATA"].map { URL(fileURLWithPath: $0) }

    @Test(.enabled(if: testdata != nil, "SESA_TESTDATA is not set (CI sets it to ../shared/testdata)"))
    func everySharedReportReadsWithTheCountsOfItsXML() throws {
        let base = Self.testdata!.appendingPathComponent("junit")
        let names = try FileManager.default.contentsOfDirectory(atPath: base.path).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(names.count >= 15)
        var total = 0
        for name in names {
            let data = try Data(contentsOf: base.appendingPathComponent(name))
            let report = try JUnitReader.read(data, file: name)
            let expected = JUnitCounts.count(data)
            for outcome in JUnitTestCase.Outcome.allCases {
                #expect(report.count(outcome) == expected[outcome.rawValue, default: 0], "\(name): \(outcome)")
            }
            total += report.testcases.count
        }
        #expect(total > 900)
    }

    @Test func propertiesMessagesAndNamesAreKept() throws {
        let xml = """
            <?xml version="1.0"?>
            <testsuites><testsuite name="radar">
              <testcase classname="radar.Tracker" name="keepsTrack" time="1,234.5">
                <properties><property name="sesa.case" value="TC-001"/><property name="note">multi
            line</property></properties>
              </testcase>
              <testcase classname="radar.Tracker" name="drops"><failure message="lost the target">trace</failure></testcase>
              <testcase name="crashes"><error>boom &amp; more</error></testcase>
              <testcase name="later"><skipped/></testcase>
            </testsuite></testsuites>
            """
        let report = try JUnitReader.read(Data(xml.utf8), file: "r.xml")
        #expect(report.format == .junit && report.testcases.count == 4)
        let first = report.testcases[0]
        #expect(first.fullName == "radar.Tracker.keepsTrack" && first.suite == "radar" && first.duration == 1234.5)
        #expect(first.property("sesa.case") == "TC-001" && first.property("note") == "multi\nline")
        #expect(report.testcases[1].outcome == .failed && report.testcases[1].message == "lost the target")
        #expect(report.testcases[2].outcome == .error && report.testcases[2].message == "boom & more" && report.testcases[2].fullName == "crashes")
        #expect(report.testcases[3].outcome == .skipped)
    }

    @Test func badReportsGetSpecificErrors() throws {
        func error(_ text: String) -> String {
            do {
                _ = try JUnitReader.read(Data(text.utf8), file: "bad.xml")
                return "read"
            } catch let error as JUnitError {
                return error.description
            } catch {
                return "\(error)"
            }
        }
        #expect(error("<testsuite><testcase name='a'></testsuite>").hasPrefix("bad.xml, line 1: the XML is malformed"))
        #expect(error("<html><body/></html>").contains("the root element is <html>"))
        #expect(error("<testsuite><testcase name='a'/>").contains("cut off"))
        #expect(error("").contains("empty"))
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE testsuite [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <testsuite><testcase name="&xxe;"/></testsuite>
            """
        let refused = error(xxe)
        #expect(refused.contains("DOCTYPE") && !refused.contains("root:"))
        #expect(error(String(repeating: " ", count: 10) + "<testsuite/>") == "read")
        #expect(throws: JUnitError.self) { try JUnitReader.read(Data(count: 2_000), file: "big.xml", maxBytes: 1_000) }
    }
}
