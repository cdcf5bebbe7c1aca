import XCTest
@testable import ESX

final class VirtualMachineIDTests: XCTestCase {
    func testParsesNumbersAndManagedObjectIDs() throws {
        let vectors: [(String, Int)] = [
            ("1", 1),
            ("42", 42),
            ("vm-42", 42),
            ("vm-1", 1),
            ("007", 7),
            ("vm-007", 7),
            ("2147483647", 2_147_483_647),
            ("vm-2147483647", 2_147_483_647),
            ("0000000000000000000000042", 42),
        ]
        for (text, value) in vectors {
            XCTAssertEqual(try VirtualMachineID(parsing: text).value, value, text)
        }
    }

    func testRejectsInvalidText() {
        for text in [
            "", "0", "vm-0", "-1", "vm--1", "+1", "vm-+1", " 1", "1 ", "vm- 1", "vm-", "vm", "vm-abc",
            "4a", "0x10", "1.0", "1e3", "2147483648", "vm-2147483648", "99999999999999999999",
            "VM-42", "vm_42", "vm42", "host-42", "٤٢", "４２", "vm-4 2",
        ] {
            XCTAssertThrowsError(try VirtualMachineID(parsing: text), text) { error in
                XCTAssertEqual(error as? ESXNameError, .invalidVirtualMachineID(text: text), text)
            }
        }
    }

    func testNumericInitializerRange() {
        XCTAssertNil(VirtualMachineID(0))
        XCTAssertNil(VirtualMachineID(-5))
        XCTAssertNil(VirtualMachineID(Int(Int32.max) + 1))
        XCTAssertEqual(VirtualMachineID(5)?.value, 5)
        XCTAssertEqual(VirtualMachineID(Int(Int32.max))?.value, Int(Int32.max))
    }

    func testFormatting() throws {
        let id = try VirtualMachineID(parsing: "vm-42")
        XCTAssertEqual(id.description, "42")
        XCTAssertEqual(id.vCenterManagedObjectID, "vm-42")
        XCTAssertEqual(try VirtualMachineID(parsing: "007").description, "7")
    }

    func testRoundTrips() throws {
        for value in [1, 2, 9, 10, 99, 100, 12_345, 2_147_483_647] {
            let id = try XCTUnwrap(VirtualMachineID(value))
            XCTAssertEqual(try VirtualMachineID(parsing: id.description), id)
            XCTAssertEqual(try VirtualMachineID(parsing: id.vCenterManagedObjectID), id)
        }
    }

    func testOrderingAndHashing() throws {
        let ids = try ["vm-10", "2", "vm-2", "1"].map { text throws(ESXNameError) in try VirtualMachineID(parsing: text) }
        XCTAssertEqual(ids.sorted().map(\.value), [1, 2, 2, 10])
        XCTAssertEqual(Set(ids).count, 3)
    }

    func testErrorDescription() {
        XCTAssertTrue(ESXNameError.invalidVirtualMachineID(text: "x").description.contains("'x'"))
    }
}
