import Foundation
import ZIPFoundation

/// Reads a `.reqifz` archive: every `.reqif` file in it through `ReqIFReader`, and the list of the other
/// entries (attachments that XHTML values refer to), which the importer extracts into the blob store.
///
/// Refused with the entry named: paths that are absolute or climb out (`../`), links, more than `maxEntries`
/// entries, an archive whose entries expand beyond `maxExpandedBytes` in total or whose `.reqif` file expands
/// beyond the reader's `maxBytes` (counted while inflating, so a lying header cannot pass: zip bombs), and an
/// archive without any `.reqif` file.
public struct ReqIFZReader: Sendable {
    public var reader: ReqIFReader
    public var maxEntries: Int
    public var maxExpandedBytes: Int

    public init(reader: ReqIFReader = ReqIFReader(), maxEntries: Int = 10_000, maxExpandedBytes: Int = 1 << 30) {
        self.reader = reader
        self.maxEntries = maxEntries
        self.maxExpandedBytes = maxExpandedBytes
    }

    public struct Attachment: Sendable, Equatable {
        public var path: String
        public var size: Int

        public init(path: String, size: Int) {
            self.path = path
            self.size = size
        }
    }

    public struct Result: Sendable {
        /// Each `.reqif` file of the archive by its path, in archive order.
        public var files: [(path: String, result: ReqIFReader.Result)]
        public var attachments: [Attachment]
    }

    public func read(contentsOf url: URL) throws -> Result {
        let name = url.lastPathComponent
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw ReqIFError(file: name, "the file is not a readable zip archive (a .reqifz must be one)")
        }
        var files: [(path: String, result: ReqIFReader.Result)] = []
        var attachments: [Attachment] = []
        var expanded = 0
        var count = 0
        for entry in archive {
            count += 1
            if count > maxEntries { throw ReqIFError(file: name, "the archive has more than \(maxEntries) entries") }
            let path = entry.path
            try Self.checkPath(path, archive: name)
            switch entry.type {
            case .directory: continue
            case .symlink: throw ReqIFError(file: name, "the archive entry \(path) is a link; links are refused")
            case .file: break
            }
            if path.lowercased().hasSuffix(".reqif") {
                var data = Data()
                let limit = min(reader.maxBytes, maxExpandedBytes - expanded)
                do {
                    _ = try archive.extract(entry, skipCRC32: false) { chunk in
                        if data.count + chunk.count > limit { throw Expansion.tooLarge }
                        data.append(chunk)
                    }
                } catch Expansion.tooLarge {
                    throw ReqIFError(file: name, "the archive entry \(path) expands beyond \(limit / 1_048_576) MB")
                } catch {
                    throw ReqIFError(file: name, "the archive entry \(path) cannot be read (\(error))")
                }
                expanded += data.count
                files.append((path, try reader.read(data, file: "\(name)/\(path)")))
            } else {
                // Attachments are counted while inflating too, without being kept here.
                var size = 0
                let limit = maxExpandedBytes - expanded
                do {
                    _ = try archive.extract(entry, skipCRC32: false) { chunk in
                        size += chunk.count
                        if size > limit { throw Expansion.tooLarge }
                    }
                } catch Expansion.tooLarge {
                    throw ReqIFError(file: name, "the archive expands beyond \(maxExpandedBytes / 1_048_576) MB (at \(path))")
                } catch {
                    throw ReqIFError(file: name, "the archive entry \(path) cannot be read (\(error))")
                }
                expanded += size
                if ReqIFZAttachments.isAttachment(path) { attachments.append(Attachment(path: path, size: size)) }
            }
        }
        if files.isEmpty { throw ReqIFError(file: name, "the archive holds no .reqif file") }
        return Result(files: files, attachments: attachments)
    }

    private enum Expansion: Error { case tooLarge }

    /// Relative, inside the archive, no empty or dot segments that climb.
    static func checkPath(_ path: String, archive: String) throws {
        let parts = path.replacingOccurrences(of: "\\", with: "/").split(separator: "/", omittingEmptySubsequences: false)
        if path.hasPrefix("/") || path.hasPrefix("\\") || (path.count > 1 && path.dropFirst().first == ":")
            || parts.contains("..") || path.contains("\0")
        {
            throw ReqIFError(file: archive, "the archive entry \(path) points outside the archive; such paths are refused")
        }
    }
}
