import Crypto
import Fluent
import Foundation

/// Stores and finds `Blob`s. Content is deduplicated per project by SHA-256, limited in size, and typed by
/// sniffing its first bytes — a client's claimed type is never trusted, and whatever is served from here goes
/// out as an attachment (see the routes that serve blobs).
public enum BlobStore {
    public static let defaultMaxBytes = 64 * 1_048_576

    public struct TooLarge: Error, Sendable, CustomStringConvertible {
        public let size: Int
        public let limit: Int
        public var description: String { "the file is \(size / 1_048_576) MB; the limit is \(limit / 1_048_576) MB" }
    }

    /// The project's blob with this content, stored now if it is new.
    public static func put(_ content: Data, projectID: UUID, maxBytes: Int = defaultMaxBytes, on db: any Database, at now: Date)
        async throws -> Blob
    {
        guard content.count <= maxBytes else { throw TooLarge(size: content.count, limit: maxBytes) }
        let hash = sha256(content)
        if let existing = try await Blob.query(on: db).filter(\.$projectID == projectID).filter(\.$sha256 == hash).first() {
            return existing
        }
        let blob = Blob(projectID: projectID, sha256: hash, content: content, contentType: sniff(content), at: now)
        try await blob.create(on: db)
        return blob
    }

    public static func sha256(_ content: Data) -> String {
        SHA256.hash(data: content).map { String(format: "%02x", $0) }.joined()
    }

    /// The media type the bytes show: images, PDF, zip-based files, XML and SVG, other text, else binary.
    public static func sniff(_ content: Data) -> String {
        let head = [UInt8](content.prefix(512))
        func starts(_ bytes: [UInt8]) -> Bool { head.starts(with: bytes) }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "application/zip" }
        if head.count >= 12 && starts(Array("RIFF".utf8)) && Array(head[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        guard let text = String(bytes: head, encoding: .utf8) ?? String(bytes: head.dropLast(3), encoding: .utf8) else {
            return "application/octet-stream"
        }
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if start.hasPrefix("<svg") || (start.hasPrefix("<?xml") && text.contains("<svg")) { return "image/svg+xml" }
        if start.hasPrefix("<?xml") { return "application/xml" }
        return head.contains(0) ? "application/octet-stream" : "text/plain"
    }
}
