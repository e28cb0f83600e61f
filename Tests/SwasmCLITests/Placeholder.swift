import XCTest

final class PlaceholderSwasmCLITests: XCTestCase {}
