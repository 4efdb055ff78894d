import Foundation

/// Builds the causal feature matrix of a (scaled) regular series.
///
/// Input: s_0 … s_{n−1} on the grid g_k = start + k·D (epoch seconds, UTC).
/// Output: `FeatureMatrix` with n rows and `spec.featureCount` columns, row-major, in
/// the column order documented on `FeatureSpec`. Row k reads s_0 … s_k and g_k only, so
/// a window ending at origin t never sees a value after t.
public enum FeatureBuilder {
    public static func build(_ series: RegularSeries, spec: FeatureSpec = .reference) throws(FeatureError) -> FeatureMatrix {
        let s = series.values
        let n = s.count
        for (k, v) in s.enumerated() where !v.isFinite { throw .nonFiniteValue(index: k, value: v) }
        var columns: [[Double]] = []
        columns.reserveCapacity(spec.featureCount)

        columns.append(s)
        var hourSin: [Double] = [], hourCos: [Double] = [], daySin: [Double] = [], dayCos: [Double] = []
        for k in 0..<n {
            let t = series.timestamp(at: k)
            guard t.isFinite else { throw .nonFiniteTimestamp(index: k, value: t) }
            let calendar = CalendarTime(epochSeconds: t)
            let hourAngle = 2 * Double.pi * calendar.hourOfDay / 24
            let dayAngle = 2 * Double.pi * Double(calendar.dayOfWeek) / 7
            hourSin.append(sin(hourAngle))
            hourCos.append(cos(hourAngle))
            daySin.append(sin(dayAngle))
            dayCos.append(cos(dayAngle))
        }
        columns += [hourSin, hourCos, daySin, dayCos]
        columns.append(s.indices.map { k in k == 0 ? 0 : s[k] - s[k - 1] })
        columns.append(TrailingWindow.means(s, width: FeatureSpec.referenceWidth))
        columns.append(TrailingWindow.populationStds(s, width: FeatureSpec.referenceWidth))

        for lag in spec.lags {
            columns.append(s.indices.map { k in s[Swift.max(0, k - lag)] })
        }
        for feature in spec.rolling {
            columns.append(TrailingWindow.values(feature.statistic, of: s, width: feature.width))
        }

        let f = columns.count
        var flat = [Double](repeating: 0, count: n * f)
        for (c, column) in columns.enumerated() {
            for k in 0..<n { flat[k * f + c] = column[k] }
        }
        return FeatureMatrix(rows: n, columns: f, values: flat, names: spec.featureNames)
    }
}
