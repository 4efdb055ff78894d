/// A fixed-size, zero-initialised block of `Float`s owned by one object.
///
/// Model code preallocates every activation and gradient buffer once as a
/// `FloatBuffer` and works on its `pointer` inside hot loops, so the time loop of a
/// recurrent layer never allocates. Concurrent writers must touch disjoint ranges
/// (for example the forward and backward direction of a bidirectional layer); that is
/// the caller's contract, hence `@unchecked Sendable`.
public final class FloatBuffer: @unchecked Sendable {
    public let count: Int
    public let pointer: UnsafeMutablePointer<Float>

    public init(count: Int) {
        precondition(count >= 0, "FloatBuffer count must be non-negative, got \(count)")
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    public convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { pointer.update(from: base, count: values.count) }
        }
    }

    deinit { pointer.deallocate() }

    public var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }

    /// A copy of the contents.
    public var array: [Float] { Array(buffer) }

    public func zero() { pointer.update(repeating: 0, count: count) }

    public func copy(from values: [Float]) {
        precondition(values.count == count, "copy of \(values.count) values into a buffer of \(count)")
        values.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { pointer.update(from: base, count: count) }
        }
    }

    public subscript(index: Int) -> Float {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }
}
