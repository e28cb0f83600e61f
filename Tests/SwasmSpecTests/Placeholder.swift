import XCTest

final class PlaceholderSwasmSpecTests: XCTestCase {}
