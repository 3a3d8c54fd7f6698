import Foundation
import Testing

@Suite struct ForecastTests {
    @Test func forecastsAccumulate() throws {
        let w = Workspace()
        let id = w.add("Agents work all day")
        #expect(w.run(["forecast", id, "--probability", "0.4", "--forecaster", "Ann", "--on", "2026-01-02"]).code == 0)
        #expect(w.run(["forecast", id, "--probability", "55%", "--note", "new METR data"]).code == 0)
        let claim = try #require(try w.json(["show", id]) as? [String: Any])
        let forecasts = try #require(claim["forecasts"] as? [[String: Any]])
        #expect(forecasts.map { $0["probability"] as? Double } == [0.4, 0.55])
        #expect(forecasts.map { $0["forecaster"] as? String } == ["Ann", "tester"])
        #expect(forecasts[1]["made_on"] as? String == "2026-11-23")
    }

    @Test func badForecastsAreRefused() {
        let w = Workspace()
        let id = w.add("Agents work all day")
        #expect(w.run(["forecast", id, "--probability", "NaN"]).err.contains("'NaN' is not a probability"))
        #expect(w.run(["forecast", "nope", "--probability", "0.5"]).err.contains("no claim has the id"))
        #expect(w.run(["forecast", id]).code == 64)
    }
}
