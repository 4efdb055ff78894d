import Foundation
import Testing
@testable import Tracking

/// Vectors from FIPS 180-4 examples / NIST CAVP (SHA256ShortMsg) and `printf … | sha256sum`.
@Suite struct SHA256Tests {
    @Test func emptyString() {
        #expect(ContentHash.sha256Hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abc() {
        #expect(ContentHash.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func twoBlockMessage() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(ContentHash.sha256Hex(Data(message.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func fiftyFiveAndFiftySixBytePaddingEdges() {
        // 55 bytes pads into one block, 56 bytes needs a second block (sha256sum reference values).
        #expect(ContentHash.sha256Hex(Data(repeating: UInt8(ascii: "a"), count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(ContentHash.sha256Hex(Data(repeating: UInt8(ascii: "a"), count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let data = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        var hasher = SHA256()
        hasher.update(data.prefix(1))
        hasher.update(data[1..<63])
        hasher.update(data[63..<200])
        hasher.update(data[200...])
        #expect(hasher.finalizeHex() == ContentHash.sha256Hex(data))
    }
}
