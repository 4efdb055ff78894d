/// The body's value and the seconds it took on `clock`.
func timed<C: Clock, T>(on clock: C, _ body: () throws -> T) rethrows -> (T, Double) where C.Duration == Duration {
    let start = clock.now
    let value = try body()
    return (value, start.duration(to: clock.now).seconds)
}
