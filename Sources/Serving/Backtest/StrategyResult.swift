/// How one scaling strategy did over a replay.
///
/// With demand y_j, replicas asked for r_j, replicas serving a_j (asked at least the
/// start-up delay earlier), capacity c per replica and step Δ (seconds), over the
/// evaluated steps j:
///
///     under-provisioned minutes = Σ_j [y_j > a_j·c] · Δ/60
///     worst shortfall           = max_j (y_j − a_j·c), 0 if never short
///     slack replica-hours       = Σ_j max(0, r_j − y_j/c) · Δ/3600
///     scaling actions           = #{j : r_j ≠ r_{j−1}}
public struct StrategyResult: Sendable, Equatable, Codable {
    public var strategy: String
    public var underProvisionedMinutes: Double
    public var worstShortfall: Double
    public var slackReplicaHours: Double
    public var scalingActions: Int
    /// r_j per evaluated step.
    public var replicas: [Int]
    /// a_j·c per evaluated step.
    public var capacity: [Double]

    enum CodingKeys: String, CodingKey {
        case strategy, underProvisionedMinutes = "under_provisioned_minutes", worstShortfall = "worst_shortfall"
        case slackReplicaHours = "slack_replica_hours", scalingActions = "scaling_actions", replicas, capacity
    }

    /// Scores the replicas asked for at each decision against the demand that follows.
    /// `asked[k]` is asked at `times[k]`; step k+1 is evaluated with the replicas serving then.
    static func score(strategy: String, times: [Double], demand: [Double], asked: [Int], initial: Int, c: Double,
                      step: Double, startupDelay: Double) -> StrategyResult {
        var result = StrategyResult(strategy: strategy, underProvisionedMinutes: 0, worstShortfall: 0, slackReplicaHours: 0,
                                    scalingActions: 0, replicas: [], capacity: [])
        // Ready time of each replica asked for, ascending; a scale-down removes the
        // youngest first (those still starting, as Kubernetes does).
        var readyTimes = [Double](repeating: -.infinity, count: initial)
        var previous = initial
        for k in 0..<(asked.count - 1) {
            let r = asked[k]
            if r != previous { result.scalingActions += 1 }
            if r > readyTimes.count {
                readyTimes += [Double](repeating: times[k] + startupDelay, count: r - readyTimes.count)
            } else {
                readyTimes.removeLast(readyTimes.count - r)
            }
            previous = r
            let t = times[k + 1]
            let serving = readyTimes.count(where: { $0 <= t })
            let y = demand[k + 1]
            let capacity = Double(serving) * c
            result.underProvisionedMinutes += underProvisionedMinutes(demand: y, capacity: capacity, step: step)
            result.worstShortfall = max(result.worstShortfall, y - capacity)
            result.slackReplicaHours += slackReplicaHours(demand: y, replicas: r, c: c, step: step)
            result.replicas.append(r)
            result.capacity.append(capacity)
        }
        return result
    }

    /// Under-provisioned minutes and slack replica-hours over the evaluated steps `range`
    /// only (indices into `replicas`, `capacity` and the report's `demand`), by the same
    /// formulas: the numbers of one part of a replay, e.g. the part a choice was not made on.
    public func part(_ range: Range<Int>, demand: [Double], c: Double, step: Double) -> (underProvisionedMinutes: Double, slackReplicaHours: Double) {
        var under = 0.0, slack = 0.0
        for j in range {
            under += Self.underProvisionedMinutes(demand: demand[j], capacity: capacity[j], step: step)
            slack += Self.slackReplicaHours(demand: demand[j], replicas: replicas[j], c: c, step: step)
        }
        return (under, slack)
    }

    /// [y > a·c] · Δ/60 for one step.
    static func underProvisionedMinutes(demand y: Double, capacity: Double, step: Double) -> Double {
        y > capacity ? step / 60 : 0
    }

    /// max(0, r − y/c) · Δ/3600 for one step.
    static func slackReplicaHours(demand y: Double, replicas r: Int, c: Double, step: Double) -> Double {
        max(0, Double(r) - y / c) * step / 3600
    }
}
