import Foundation
import Testing

@Suite struct HistoryTests {
    @Test func historyShowsEveryVersionAndWhatChanged() {
        let w = Workspace()
        let id = w.add("Agents work all day", ["--window-end", "2026-06-30"], now: "2026-01-01T00:00:00Z")
        #expect(w.run(["edit", id, "--window-end", "2026-12-31", "--reason", "read the transcript again"], now: "2026-02-01T00:00:00Z").code == 0)
        #expect(w.run(["forecast", id, "--probability", "0.2"], now: "2026-03-01T00:00:00Z").code == 0)
        #expect(w.run(["resolve", id, "--outcome", "false", "--settled-on", "2026-12-31"], now: "2027-01-02T00:00:00Z").code == 0)
        let r = w.run(["history", id])
        #expect(r.code == 0)
        let text = r.out
        let order = ["version 1", "version 2", "forecast", "resolution 1"].map { text.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(text.contains("window: 2025-10-23 … 2026-06-30 → 2025-10-23 … 2026-12-31"))
        #expect(text.contains("read the transcript again"))
        let csv = w.run(["history", id, "--format", "csv"]).out
        #expect(csv.contains("2026-02-01T00:00:00.000Z,version,2,tester,read the transcript again,window,2025-10-23 … 2026-06-30,2025-10-23 … 2026-12-31"))
    }
}
