@testable import Forecasting
import Foundation
import Testing

/// The head loss with quantile outputs (`LSTMHeadLoss`: the point loss plus the pinball
/// loss of each quantile output) against PyTorch (float64), produced once by
/// LSTMReference/make_quantile_reference.py (output committed beside it), for MSE, MAE and
/// Huber(0.5) point losses, 3 rows × 4 steps, τ = 0.025, 0.1, 0.9, 0.975, head weight 1.5.
/// Our loss runs in Float32 and sums in Double: tolerance 1e-6 on the loss (~1) and on
/// ∂(w·L)/∂ŷ (~0.1); measured worst values are printed.
@Suite struct LSTMQuantileLossTests {
    struct Reference: Decodable {
        struct Case: Decodable {
            let point_loss: String
            let outputs: [Double]
            let targets: [Double]
            let loss: Double
            let gradient: [Double]
        }
        let batch: Int, steps: Int
        let quantiles: [Double]
        let weight: Double
        let huber_delta: Double
        let cases: [Case]
    }

    static func load() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("LSTMReference/lstm_quantile_loss_reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    static func pointLoss(_ name: String, delta: Double) throws -> LSTMLoss {
        switch name {
        case "mse": return .mse
        case "mae": return .mae
        case "huber": return .huber(delta: delta)
        default: throw TestFailure("unknown point loss \(name) in the reference")
        }
    }

    /// [0.8, 0.95] gives the reference's τ, and the loss and gradient match torch's autograd.
    @Test(arguments: ["mse", "mae", "huber"])
    func lossAndGradientMatchTorch(pointLoss name: String) throws {
        let r = try Self.load()
        let c = try #require(r.cases.first { $0.point_loss == name })
        let layout = try LSTMQuantileLayout(levels: [0.8, 0.95])
        #expect(zip(layout.quantiles, r.quantiles).allSatisfy { abs($0 - $1) < 1e-12 } && layout.quantiles.count == r.quantiles.count)
        let loss = LSTMHeadLoss(point: try Self.pointLoss(name, delta: r.huber_delta), layout: layout)
        let outputs = c.outputs.map(Float.init), targets = c.targets.map(Float.init)
        #expect(outputs.count == r.batch * layout.outputsPerStep * r.steps && targets.count == r.batch * r.steps)
        var gradient = [Float](repeating: .nan, count: outputs.count)
        let value = outputs.withUnsafeBufferPointer { p in
            targets.withUnsafeBufferPointer { t in
                gradient.withUnsafeMutableBufferPointer { g in
                    loss.evaluate(predictions: p.baseAddress!, targets: t.baseAddress!, batch: r.batch, steps: r.steps,
                                  weight: Float(r.weight), gradient: g.baseAddress!)
                }
            }
        }
        let worst = zip(gradient, c.gradient).map { abs(Double($0) - $1) }.max() ?? .infinity
        print("lstm quantile loss (\(name)): |ΔL| \(abs(value - c.loss)), worst |Δ∂L/∂ŷ| \(worst)")
        #expect(abs(value - c.loss) < 1e-6, "loss \(value), torch \(c.loss)")
        #expect(worst < 1e-6, "worst |Δ| \(worst); got \(gradient), torch \(c.gradient)")
    }

    /// Without quantiles the head loss is the configured point loss, bit for bit (so
    /// `conformal` training is unchanged).
    @Test func withoutQuantilesItIsThePointLoss() throws {
        let r = try Self.load()
        let c = r.cases[0]
        let outputs = c.outputs.prefix(r.batch * r.steps).map(Float.init), targets = c.targets.map(Float.init)
        for point in [LSTMLoss.mse, .mae, .huber(delta: 0.5)] {
            var a = [Float](repeating: 0, count: outputs.count), b = a
            let la = LSTMHeadLoss(point: point, layout: nil).evaluate(
                predictions: outputs, targets: targets, batch: r.batch, steps: r.steps, weight: 1.5, gradient: &a)
            let lb = point.evaluate(predictions: outputs, targets: targets, count: outputs.count, weight: 1.5, gradient: &b)
            #expect(la.bitPattern == lb.bitPattern && a.map(\.bitPattern) == b.map(\.bitPattern))
        }
    }

    /// τ ascending, widest level's lower bound first; bad levels are the typed error.
    @Test func layoutOrdersQuantilesAndRefusesBadLevels() throws {
        let quantiles = try LSTMQuantileLayout(levels: [0.95, 0.5]).quantiles
        #expect(zip(quantiles, [0.025, 0.25, 0.75, 0.975]).allSatisfy { abs($0 - $1) < 1e-12 } && quantiles.count == 4, "\(quantiles)")
        #expect(try LSTMQuantileLayout(levels: [0.8]).outputsPerStep == 3)
        for bad in [[0.8, 0.8], [1.0], [0], [Double]()] {
            #expect(throws: LSTMError.invalidIntervalLevels(bad)) { try LSTMQuantileLayout(levels: bad) }
        }
    }
}
