import ESX
import XCTest

/// virsh's scaled sizes (`virScaleInteger`), offline.
final class MemorySizeTests: XCTestCase {
    func testUnits() throws {
        XCTAssertEqual(try MemorySize.kibibytes(parsing: "1024"), 1024, "KiB by default")
        XCTAssertEqual(try MemorySize.kibibytes(parsing: "1k"), 1)
        XCTAssertEqual(try MemorySize.kibibytes(parsing: "1KiB"), 1)
        XCTAssertEqual(try MemorySize.kibibytes(parsing: "512M"), 512 * 1024)
        XCTAssertEqual(try MemorySize.kibibytes(parsing: "512MiB"), 512 * 1024)
        XCTAssertEqual(try MemorySize.kibibytes(parsing: "2g"), 2 << 20)
        XCTAssertEqual(try MemorySize.kibibytes(parsing: "1T"), 1 << 30)
        XCTAssertEqual(try MemorySize.kibibytes(parsing: "1MB"), 977, "10^6 bytes, rounded up to KiB")
        XCTAssertEqual(try MemorySize.kibibytes(parsing: "1GB"), 976_563)
        XCTAssertEqual(try MemorySize.kibibytes(parsing: "1b"), 1, "bytes round up")
        XCTAssertEqual(try MemorySize.kibibytes(parsing: "2048bytes"), 2)
        XCTAssertEqual(try MemorySize.kibibytes(parsing: "0"), 0)
    }

    func testInvalid() {
        for text in ["", "-5", "5X", "1.5G", "G", "1Gib2", "99999999999999999999", "9000000000P"] {
            XCTAssertThrowsError(try MemorySize.kibibytes(parsing: text), text) { error in
                guard case TuningError.invalidArgument(let message) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(message.contains("invalid size"), message)
            }
        }
    }
}
