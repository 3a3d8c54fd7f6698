import ClaimsCore
import Foundation
import Testing

@Suite struct EstimativeLanguageTests {
    typealias Band = EstimativeLanguage.Band

    @Test(arguments: [
        ("extremely likely", Band.almostCertain), ("it's highly likely that", .veryLikely), ("very unlikely", .veryUnlikely),
        ("a true discontinuity is extremely unlikely", .almostNoChance), ("maybe", .roughlyEven), ("probably", .likely),
        ("probably not", .unlikely), ("I think that's unlikely", .unlikely), ("quite unlikely", .unlikely),
        ("极有可能", .almostCertain), ("不太可能", .unlikely), ("很可能", .veryLikely), ("可能", .roughlyEven),
        ("几乎不可能", .almostNoChance), ("我认为", .likely), ("我个人认为这不太可能", .unlikely),
    ])
    func wordsMapToBands(_ words: String, _ band: Band) {
        #expect(EstimativeLanguage.read(words).band == band, "\(words)")
    }

    @Test func theQualifierAboutTheEventGovernsAHedge() {
        let r = EstimativeLanguage.read("I think we would have something like next year, maybe the models will be able to work on their own")
        #expect(r.qualifiers.map(\.text) == ["I think", "maybe"])
        #expect(r.governing?.text == "maybe" && r.band == .roughlyEven)
        #expect(EstimativeLanguage.read("I think it's extremely likely").band == .almostCertain)
        #expect(EstimativeLanguage.read("I think so").band == .likely)
    }

    @Test(arguments: [
        ("not likely", Band.unlikely), ("it isn't very likely", .veryUnlikely), ("not extremely likely", .almostNoChance),
        ("I don't think that will happen", .unlikely), ("not unlikely", .likely),
    ])
    func negationGivesTheComplementBand(_ words: String, _ band: Band) {
        #expect(EstimativeLanguage.read(words).band == band, "\(words)")
    }

    @Test func longerQualifiersWin() {
        let r = EstimativeLanguage.read("very unlikely")
        #expect(r.qualifiers.count == 1 && r.band == .veryUnlikely)
        #expect(EstimativeLanguage.read("unlikelihood").qualifiers.isEmpty)
    }

    @Test(arguments: [
        ("70%", 0.7), ("a 70% chance", 0.7), ("3 in 4", 0.75), ("1 in 10 chance", 0.1), ("odds 1:3", 0.25),
        ("odds of 1 to 3", 0.25), ("I'd put the probability at 85 percent", 0.85), ("百分之七十的可能", 0.7),
    ])
    func statedNumbersAreKeptAsStated(_ words: String, _ p: Double) throws {
        let stated = try #require(EstimativeLanguage.read(words).stated, "\(words)")
        #expect(abs(stated.probability.value - p) < 1e-12)
    }

    @Test(arguments: ["METR's 50% time horizon of 8 hours", "10 times more productive", "a 2026 release", "150% growth"])
    func numbersThatAreNotProbabilities(_ words: String) {
        #expect(EstimativeLanguage.read(words).stated == nil, "\(words)")
    }

    @Test func confidenceInfersFromWordsAndKeepsStatedNumbers() throws {
        let c = Confidence(words: "extremely likely")
        let inferred = try #require(c.inferred)
        #expect(inferred.band == .almostCertain && inferred.low == 0.95 && inferred.high == 0.99 && abs(inferred.midpoint - 0.97) < 1e-12)
        #expect(c.stated == nil)
        #expect(Confidence.reading(words: "3 in 4").stated == (try Probability(0.75)))
        #expect(Confidence.reading(words: "3 in 4", stated: try Probability(0.8)).stated == (try Probability(0.8)))
        #expect(Confidence(words: "with gusto").inferred == nil)
    }
}
