import VI
import XCTest

@testable import ESX

final class EntityNameTests: XCTestCase {
    /// Server name -> name users see.
    static let vectors: [(raw: String, shown: String)] = [
        ("plain", "plain"),
        ("a%2fb", "a/b"),
        ("a%2Fb%5c", "a/b\\"),
        ("100%25", "100%"),
        ("bad%zz", "bad%zz"),
        ("a%2fb%zz", "a/b%zz"),
        ("%c3%a9", "é"),
        ("%C3%A9t%C3%A9", "été"),
        ("%ff", "%ff"),
        ("caf%c3%a9%ff", "café%ff"),
        ("%e2%82", "%e2%82"),
        ("%e2%82%ac%2f", "€/"),
        ("%c3x", "%c3x"),
        ("%", "%"),
        ("trailing%4", "trailing%4"),
        ("%%41", "%A"),
        ("%2525", "%25"),
        ("日本%2f語", "日本/語"),
    ]

    func testFromServer() {
        for (raw, shown) in Self.vectors {
            XCTAssertEqual(EntityName.fromServer(raw), shown, raw)
        }
    }

    func testReversesPercentEscaping() {
        for name in ["a/b", "100% sure", "back\\slash", "%zz", "Grüße/Welt", "%ff"] {
            XCTAssertEqual(EntityName.fromServer(VMXEscaping.escapePercent(name)), name, name)
        }
    }

    /// A listing (`DomainProperties`) and an event (`WatchedVM`) show the same name.
    func testListingAndEventsAgree() throws {
        let vm = VirtualMachine(value: "vm-1")
        for (raw, shown) in Self.vectors {
            let properties = try VirtualMachine.Properties(object: vm, values: ["name": .string(raw)])
            let listed = DomainProperties.domain(from: properties).name

            var state = VIObjectState(ref: vm.ref)
            try state.apply(PropertyChange(name: "name", op: .assign, val: .string(raw)))
            let watched = WatchedVM(state)

            XCTAssertEqual(listed, shown, raw)
            XCTAssertEqual(watched.name, shown, raw)
        }
    }

    /// Inventory paths match an entity by its raw or its shown name.
    func testInventoryChildNames() {
        let ref = ManagedObjectReference(type: "Datacenter", value: "datacenter-1")
        for (raw, shown) in Self.vectors {
            let child = InventoryDiscovery.Child(ref: ref, name: raw)
            XCTAssertTrue(child.isNamed(shown), raw)
            XCTAssertTrue(child.isNamed(raw), raw)
        }
        XCTAssertFalse(InventoryDiscovery.Child(ref: ref, name: "a%2fb").isNamed("a%2Fb "))
    }
}
