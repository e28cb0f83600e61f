import XCTest

final class PlaceholderSwasmWASITests: XCTestCase {}
