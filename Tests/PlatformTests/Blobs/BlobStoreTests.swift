import Foundation
import Platform
import Testing

/// Content types come from the bytes, not from names or clients.
struct BlobStoreTests {
    @Test func theContentTypeIsSniffedFromTheBytes() {
        #expect(BlobStore.sniff(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])) == "image/png")
        #expect(BlobStore.sniff(Data([0xFF, 0xD8, 0xFF, 0xE0])) == "image/jpeg")
        #expect(BlobStore.sniff(Data("%PDF-1.7\n".utf8)) == "application/pdf")
        #expect(BlobStore.sniff(Data([0x50, 0x4B, 0x03, 0x04, 0x14])) == "application/zip")
        #expect(BlobStore.sniff(Data(#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>"#.utf8)) == "image/svg+xml")
        #expect(BlobStore.sniff(Data("<?xml version=\"1.0\"?><REQ-IF/>".utf8)) == "application/xml")
        #expect(BlobStore.sniff(Data("plain words\n".utf8)) == "text/plain")
        #expect(BlobStore.sniff(Data([0x00, 0x01, 0xFE, 0xFF, 0x80])) == "application/octet-stream")
        #expect(BlobStore.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
