import Artifacts
import Foundation
import Testing

/// Canonical snapshots: equal content gives equal bytes and hashes, whatever order or Unicode form it came in.
@Suite struct ArtifactFieldsTests {
    @Test func canonicalJSONIsSortedCompactAndNFC() {
        // "é" written decomposed (e + combining acute) and built in another key order.
        let decomposed: ArtifactFields = ["e": .bool(true), "d": .null, "c": .list(["x", "y"]), "b": .string("e\u{301}"), "a": .int(1)]
        let composed: ArtifactFields = ["a": .int(1), "b": .string("\u{e9}"), "c": .list(["x", "y"]), "d": .null, "e": .bool(true)]
        #expect(decomposed.canonicalJSON() == #"{"a":1,"b":"é","c":["x","y"],"d":null,"e":true}"#)
        #expect(decomposed == composed)
        // The hash is SHA-256 of exactly those bytes (computed independently).
        #expect(composed.hash() == "a976dd6b65a8dfa188b91a92409c6e82e695ffbab12549db60263866fcb2f782")
    }

    @Test func triggerHashCoversOnlyTheNamedFields() {
        let before: ArtifactFields = ["statement": .string("The system shall log."), "owner": .string("Ada")]
        var after = before
        after["owner"] = .string("Bob")
        #expect(before.hash(of: ["statement"]) == after.hash(of: ["statement"]))
        #expect(before.hash() != after.hash())
        #expect(before.changes(to: after) == ["owner"])
        // A field that is missing and one that is null are the same content.
        let withNull: ArtifactFields = ["statement": .string("The system shall log."), "owner": .string("Ada"), "tag": .null]
        #expect(before.hash(of: ["statement", "tag"]) == withNull.hash(of: ["statement", "tag"]))
    }

    @Test func decimalsKeepTheirTextAndRoundTrip() throws {
        let fields: ArtifactFields = ["mass": .decimal("2.50"), "count": .int(3), "tags": .list([])]
        let data = try JSONEncoder().encode(fields)
        let decoded = try JSONDecoder().decode(ArtifactFields.self, from: data)
        // Decimal text decodes as a string: the snapshot keeps exactly what was stored.
        #expect(decoded["mass"].displayText == "2.50")
        #expect(decoded["count"] == .int(3))
        #expect(decoded["tags"] == .list([]))
        #expect(decoded == fields && decoded.changes(to: fields).isEmpty, "a stored snapshot equals the one saved")
    }

    @Test func keyPatternsAllocateParseAndRefuseNonsense() throws {
        let pattern = try #require(KeyPattern("SYS-REQ-###"))
        #expect(pattern.key(7) == "SYS-REQ-007")
        #expect(pattern.key(1234) == "SYS-REQ-1234")
        #expect(pattern.number(of: "SYS-REQ-042") == 42)
        #expect(pattern.number(of: "SYS-REQ-42") == nil, "fewer digits than the pattern")
        #expect(pattern.number(of: "SYS-REQ-04a") == nil)
        #expect(pattern.number(of: "HAZ-001") == nil)
        #expect(KeyPattern("REQ") == nil)
        #expect(KeyPattern("REQ-#-#") == nil)
        #expect(KeyPattern("R E Q-###") == nil)
        #expect(ArtifactKey.isValid("SYS-REQ-042") && ArtifactKey.isValid("a.b_c"))
        #expect(!ArtifactKey.isValid("") && !ArtifactKey.isValid("-x") && !ArtifactKey.isValid("x/y")
            && !ArtifactKey.isValid("ÄRGER-1") && !ArtifactKey.isValid(String(repeating: "x", count: 65)))
    }
}
