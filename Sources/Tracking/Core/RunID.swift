import Foundation

/// A run's identity: 32 lowercase hexadecimal characters (128 bits), like MLflow's run ids.
/// Any unique prefix names a run on the command line, as with git commits.
public struct RunID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts exactly 32 lowercase hex characters; anything else is a `TrackingError.invalidRunID`.
    public init(_ text: String) throws {
        guard text.count == 32, text.allSatisfy(\.isLowercaseHexDigit) else {
            throw TrackingError.invalidRunID(text)
        }
        self.rawValue = text
    }

    init(trusted text: String) { self.rawValue = text }

    /// The first eight characters, the form tables print.
    public var short: String { String(rawValue.prefix(8)) }
    public var description: String { rawValue }
    public static func < (a: RunID, b: RunID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension Character {
    var isLowercaseHexDigit: Bool { ("0"..."9").contains(self) || ("a"..."f").contains(self) }
}

/// Makes new run ids. Injected so tests and golden files are deterministic.
public protocol RunIDGenerator: Sendable {
    func next() -> RunID
}

/// 128 random bits from the system generator: what `main` uses.
public struct RandomRunIDGenerator: RunIDGenerator {
    public init() {}
    public func next() -> RunID {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return RunID(trusted: hex64(high) + hex64(low))
    }
}

/// Deterministic ids for tests: the SplitMix64 sequence from `seed`, two outputs per id.
public final class SeededRunIDGenerator: RunIDGenerator, @unchecked Sendable {
    private let lock = NSLock()
    private var state: UInt64

    public init(seed: UInt64) { self.state = seed }

    public func next() -> RunID {
        lock.lock()
        defer { lock.unlock() }
        return RunID(trusted: hex64(step()) + hex64(step()))
    }

    /// SplitMix64 (Steele, Lea, Flood 2014): state += golden gamma, then two xor-shift-multiply rounds.
    private func step() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func hex64(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
