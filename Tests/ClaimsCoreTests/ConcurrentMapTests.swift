import ClaimsCore
import Testing

@Suite struct ConcurrentMapTests {
    /// On every core or on one, the result is `map`'s: same values, same order.
    @Test(arguments: [0, 1, 7, 1_000, 100_003])
    func itIsMapInOrder(_ count: Int) {
        let input = (0..<count).map { $0 &* 2_654_435_761 }
        for perWorker in [1, 500, 1_000_000] {
            #expect(input.concurrentMap(perWorker: perWorker) { String($0, radix: 16) } == input.map { String($0, radix: 16) })
        }
    }
}
