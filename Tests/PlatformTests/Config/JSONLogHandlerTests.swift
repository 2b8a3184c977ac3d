import Foundation
import Logging
@testable import Platform
import Synchronization
import Testing

@Suite struct JSONLogHandlerTests {
    final class Sink: Sendable {
        let lines = Mutex<[String]>([])
    }

    @Test func writesOneJSONObjectPerLineWithUTCTimestampAndRequestID() throws {
        // setup
        let sink = Sink()
        var logger = Logger(label: "sesa.test") { label in
            JSONLogHandler(label: label, level: .info) { line in sink.lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "request-id"] = "r-1"
        // act
        logger.debug("hidden")
        logger.info("user \"bob\nFAKE LINE\" logged in", metadata: ["status": "200"])
        // validate
        let lines = sink.lines.withLock { $0 }
        #expect(lines.count == 1)
        #expect(lines[0].hasSuffix("\n") && lines[0].dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String])
        #expect(object["level"] == "info")
        #expect(object["logger"] == "sesa.test")
        #expect(object["request-id"] == "r-1")
        #expect(object["status"] == "200")
        #expect(object["msg"] == "user \"bob\nFAKE LINE\" logged in")
        let timestamp = try #require(object["ts"])
        #expect(timestamp.hasSuffix("Z"))
        #expect(try Date(timestamp, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)) <= Date())
    }
}
