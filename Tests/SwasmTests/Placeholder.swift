import XCTest

final class PlaceholderSwasmTests: XCTestCase {}
