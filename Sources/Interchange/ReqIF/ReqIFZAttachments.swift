import Foundation
import ZIPFoundation

/// The attachments of a `.reqifz` (every entry but its `.reqif` files), read one at a time so an import holds at
/// most one in memory. Paths are checked as `ReqIFZReader` checks them; the macOS archiver's metadata
/// (`__MACOSX/`, `.DS_Store`) is no attachment and is skipped.
public struct ReqIFZAttachments {
    private let archive: Archive
    private let name: String
    /// Attachment paths in archive order.
    public let paths: [String]

    public init(_ data: Data, file name: String) throws {
        guard let archive = try? Archive(data: data, accessMode: .read) else {
            throw ReqIFError(file: name, "the file is not a readable zip archive (a .reqifz must be one)")
        }
        self.archive = archive
        self.name = name
        var paths: [String] = []
        for entry in archive where entry.type == .file {
            try ReqIFZReader.checkPath(entry.path, archive: name)
            if Self.isAttachment(entry.path) { paths.append(entry.path) }
        }
        self.paths = paths
    }

    static func isAttachment(_ path: String) -> Bool {
        let lower = path.lowercased()
        let last = lower.split(separator: "/").last.map(String.init) ?? lower
        return !lower.hasSuffix(".reqif") && !lower.hasPrefix("__macosx/") && last != ".ds_store"
    }

    /// The attachment's bytes, refused beyond `limit` (counted while inflating).
    public func data(_ path: String, limit: Int) throws -> Data {
        guard let entry = archive[path] else { throw ReqIFError(file: name, "the archive has no entry \(path)") }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if data.count + chunk.count > limit { throw TooLarge() }
                data.append(chunk)
            }
        } catch is TooLarge {
            throw ReqIFError(file: name, "the attachment \(path) expands beyond \(limit / 1_048_576) MB")
        } catch {
            throw ReqIFError(file: name, "the attachment \(path) cannot be read (\(error))")
        }
        return data
    }

    private struct TooLarge: Error {}
}
