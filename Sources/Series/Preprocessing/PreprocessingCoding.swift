/// JSON forms of the preprocessing specs (stored in model artifacts). Decoding goes
/// through the checking initialisers, so a file cannot smuggle in an invalid scale or
/// clip range: it fails with the same `PreprocessingError` as code would.
extension QuantileClip: Codable {
    enum CodingKeys: String, CodingKey { case lower, upper }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(lower: try c.decode(Double.self, forKey: .lower), upper: try c.decode(Double.self, forKey: .upper))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lower, forKey: .lower)
        try c.encode(upper, forKey: .upper)
    }
}

extension PreprocessingSpec: Codable {
    enum CodingKeys: String, CodingKey { case input, scale, clip, transform }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            input: try c.decode(SampleKind.self, forKey: .input), scale: try c.decode(Double.self, forKey: .scale),
            clip: try c.decodeIfPresent(QuantileClip.self, forKey: .clip), transform: try c.decode(ValueTransform.self, forKey: .transform))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(input, forKey: .input)
        try c.encode(scale, forKey: .scale)
        try c.encodeIfPresent(clip, forKey: .clip)
        try c.encode(transform, forKey: .transform)
    }
}
