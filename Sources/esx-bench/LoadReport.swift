import Foundation

/// The result of a load run, printed as one JSON line.
struct LoadReport {
    let callers: Int
    let seconds: Double
    let tally: CallerTally
    let rssStartKB: Int
    let rssEndKB: Int
    let rssPeakKB: Int
    /// Logins of the load connection, the first one included.
    let logins: Int
    /// Sessions terminated by the expirer.
    let expiries: Int

    var relogins: Int { logins - 1 }
    var rssRatio: Double { rssStartKB > 0 ? Double(rssEndKB) / Double(rssStartKB) : 0 }
    /// No failed call, and exactly one re-login per expiry.
    var passed: Bool { tally.errors == 0 && relogins == expiries }

    var jsonLine: String {
        let latency = LatencySummary(tally.latencies)
        let calls = tally.latencies.count
        let mix = LoadCall.allCases.map { #""\#($0.rawValue)":\#(tally.kinds[$0] ?? 0)"# }.joined(separator: ",")
        let fields: [String] = [
            #""mode":"load""#, #""callers":\#(callers)"#, #""seconds":\#(format(seconds, 1))"#,
            #""calls":\#(calls)"#, #""calls_per_s":\#(format(Double(calls) / seconds, 1))"#,
            #""errors":\#(tally.errors)"#,
            #""p50_ms":\#(format(latency.p50))"#, #""p90_ms":\#(format(latency.p90))"#,
            #""p99_ms":\#(format(latency.p99))"#, #""max_ms":\#(format(latency.max))"#,
            #""rss_start_kb":\#(rssStartKB)"#, #""rss_end_kb":\#(rssEndKB)"#,
            #""rss_ratio":\#(format(rssRatio, 3))"#, #""rss_peak_kb":\#(rssPeakKB)"#,
            #""logins":\#(logins)"#, #""expiries":\#(expiries)"#, #""relogins":\#(relogins)"#,
            #""mix":{\#(mix)}"#,
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }

    private func format(_ value: Double, _ digits: Int = 2) -> String {
        String(format: "%.\(digits)f", value)
    }
}
