import Foundation
import ZIPFoundation

/// A `.reqifz` archive: the ReqIF documents and their attachments, deflated, built in memory with ZIPFoundation.
/// Paths are checked the way `ReqIFZReader` checks them, so SESA never writes an archive it would refuse.
public struct ReqIFZWriter: Sendable {
    public init() {}

    public func write(_ entries: [(path: String, data: Data)], modified: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in entries {
            guard !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains(".."), !path.contains("\\") else {
                throw ReqIFError(file: path, "an archive entry must be a relative path without ..")
            }
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: modified,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw ReqIFError(file: "archive", "the archive could not be written") }
        return data
    }
}
