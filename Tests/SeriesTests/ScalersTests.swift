import Testing
import TestSupport
@testable import Series

@Suite("Scalers and quantiles")
struct ScalersTests {
    @Test("linear quantiles match numpy's default method")
    func quantilesMatchNumpy() throws {
        for (sample, expected) in [
            (ScalersReference.digits, ScalersReference.digitsQuantiles),
            (ScalersReference.mixed, ScalersReference.mixedQuantiles),
        ] {
            let quantiles = try #require(LinearQuantiles(sample))
            let actual = ScalersReference.quantileLevels.map(quantiles.quantile)
            #expect(firstMismatch(actual, expected, rel: 1e-13, abs: 1e-13) == nil)
        }
        #expect(LinearQuantiles([Double]()) == nil)
    }

    @Test("quantiles by hand")
    func quantilesByHand() throws {
        // sorted 1, 2, 4, 8: Q(0.5): h = 3·0.5 = 1.5 → 2 + 0.5·(4 − 2) = 3;  Q(0.25): h = 0.75 → 1 + 0.75·1 = 1.75
        let q = try #require(LinearQuantiles([8, 1, 4, 2]))
        #expect(q.median == 3)
        #expect(q.quantile(0.25) == 1.75)
        #expect(q.quantile(1) == 8)
        #expect(q.quantile(0) == 1)
    }

    @Test("standard scaler: mean and population std of train")
    func standard() throws {
        // train 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, /8 = 4 → σ = 2
        let scaler = try StandardScaler(fittingOn: [2, 4, 4, 4, 5, 5, 7, 9])
        #expect(scaler.offset == 5)
        #expect(scaler.divisor == 2)
        #expect(scaler.transform([9, 1]) == [2, -2])
        #expect(scaler.inverse([2, -2]) == [9, 1])
        let reference = try StandardScaler(fittingOn: ScalersReference.mixed)
        #expect(isClose(reference.offset, ScalersReference.mixedMean, rel: 1e-14))
        #expect(isClose(reference.divisor, ScalersReference.mixedPopulationStd, rel: 1e-14))
    }

    @Test("robust scaler: median and IQR of train, as numpy/scikit-learn")
    func robust() throws {
        // sorted 1, 2, 4, 8: median 3, Q(0.75): h = 2.25 → 4 + 0.25·4 = 5, IQR = 5 − 1.75 = 3.25
        let scaler = try RobustScaler(fittingOn: [8, 1, 4, 2])
        #expect(scaler.offset == 3)
        #expect(scaler.divisor == 3.25)
        #expect(scaler.transform(9.5) == 2)
        for (sample, median, iqr) in [
            (ScalersReference.digits, ScalersReference.digitsMedian, ScalersReference.digitsIQR),
            (ScalersReference.mixed, ScalersReference.mixedMedian, ScalersReference.mixedIQR),
        ] {
            let fitted = try RobustScaler(fittingOn: sample)
            #expect(isClose(fitted.offset, median, rel: 1e-14))
            #expect(isClose(fitted.divisor, iqr, rel: 1e-14))
        }
    }

    @Test("constant train gives divisor 1")
    func constantTrain() throws {
        #expect(try StandardScaler(fittingOn: [3, 3, 3]) == StandardScaler(offset: 3, divisor: 1))
        // 3, 3, 3, 3, 9: Q(0.25): h = 1 → 3; Q(0.75): h = 3 → 3; IQR 0 → divisor 1
        #expect(try RobustScaler(fittingOn: [3, 3, 3, 3, 9]).divisor == 1)
        #expect(try RobustScaler(fittingOn: [3, 3, 3, 3, 9]).offset == 3)
    }

    @Test("empty and non-finite training parts are typed errors")
    func errors() {
        #expect(throws: ScalerError.emptyTrainingData) { try StandardScaler(fittingOn: [Double]()) }
        #expect(throws: ScalerError.emptyTrainingData) { try RobustScaler(fittingOn: [Double]()) }
        #expect(throws: ScalerError.nonFiniteTrainingData(.infinity)) { try StandardScaler(fittingOn: [1, .infinity]) }
        #expect(throws: ScalerError.nonFiniteTrainingData(-.infinity)) { try RobustScaler(fittingOn: [-.infinity, 1]) }
        // NaN in the middle is caught for min-max too when fitted through the factory
        #expect(throws: (any Error).self) { try ScalerKind.minmax.fit(on: [1, .nan, 3]) }
    }

    @Test("the factory fits the named scaler")
    func factory() throws {
        let train: [Double] = [8, 1, 4, 2]
        let minmax = try ScalerKind.minmax.fit(on: train)
        #expect(minmax is MinMaxScaler)
        #expect(minmax.offset == 1 && minmax.divisor == 7)
        let standard = try ScalerKind.standard.fit(on: train)
        #expect(standard is StandardScaler)
        #expect(standard.offset == 3.75)
        let robust = try ScalerKind.robust.fit(on: train)
        #expect(robust is RobustScaler)
        #expect(robust.offset == 3 && robust.divisor == 3.25)
        #expect(ScalerKind(rawValue: "robust") == .robust)
    }
}
