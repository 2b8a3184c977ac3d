@testable import Interchange
import Testing

@Suite struct DotEnvFileTests {
    @Test func readsPlainQuotedAndExportedValues() throws {
        // setup
        let contents = """
            # comment line
            SESA_ENV=production
            export SESA_HTTP_PORT = 9000
            SESA_SECRET_KEY="a b\\"c\\nd"   # trailing comment
            SESA_PUBLIC_URL='https://sesa.example.com/#x'
            SESA_LOG_LEVEL=info # inline comment
            EMPTY=

            """
        // act
        let file = try DotEnvFile(path: ".env", contents: contents)
        // validate
        #expect(file.values == [
            "SESA_ENV": "production", "SESA_HTTP_PORT": "9000", "SESA_SECRET_KEY": "a b\"c\nd",
            "SESA_PUBLIC_URL": "https://sesa.example.com/#x", "SESA_LOG_LEVEL": "info", "EMPTY": "",
        ])
        #expect(file.entries.map(\.line) == [2, 3, 4, 5, 6, 7])
    }

    @Test func laterEntriesWinAndBOMAndCRLFAreTolerated() throws {
        let file = try DotEnvFile(path: ".env", contents: "\u{FEFF}A=1\r\nA=2\r\n")
        #expect(file.values == ["A": "2"])
    }

    @Test(arguments: [
        ("JUSTTEXT", 1, "expected KEY=value"),
        ("1ABC=x", 1, "'1ABC' is not a valid variable name"),
        ("A=\"unterminated", 1, "missing closing \" quote"),
        ("OK=1\nB='x' trailing", 2, "unexpected text after the closing quote"),
    ])
    func reportsFileLineAndReason(contents: String, line: Int, reason: String) {
        #expect(throws: DotEnvError(path: "/srv/.env", line: line, reason: reason)) {
            try DotEnvFile(path: "/srv/.env", contents: contents)
        }
    }

    @Test func errorDescriptionNamesFileAndLine() {
        let error = DotEnvError(path: "/srv/.env", line: 3, reason: "expected KEY=value")
        #expect(error.description == "/srv/.env:3: expected KEY=value")
    }
}
