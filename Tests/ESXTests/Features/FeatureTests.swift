import ESX
import Foundation
import SimulatorSupport
import Synchronization
import VI
import XCTest

final class FeatureTests: XCTestCase {
    /// Records what the driver was asked.
    final class RecordingDriver: DriverFeatureProvider {
        let asked = Mutex<[ESXFeature]>([])
        let supported: Set<ESXFeature>
        init(_ supported: Set<ESXFeature>) { self.supported = supported }
        func supportsDriverFeature(_ feature: ESXFeature) async throws -> Bool {
            asked.withLock { $0.append(feature) }
            return supported.contains(feature)
        }
    }

    func testGlobalFeaturesAreAnsweredWithoutTheDriver() async throws {
        let yes = RecordingDriver(Set(ESXFeature.allCases))
        let no = RecordingDriver([])
        for feature in ESXFeature.allCases where feature.isGlobal {
            let a = try await FeatureSupport.supports(feature, driver: yes)
            let b = try await FeatureSupport.supports(feature, driver: no)
            XCTAssertEqual(a, b, "\(feature) is the same for every driver")
            XCTAssertEqual(a, feature.globalSupport)
        }
        XCTAssertEqual(yes.asked.withLock { $0 }, [])
        let v1 = try await FeatureSupport.supports(.typedParameterStrings, driver: no)
        XCTAssertTrue(v1)
        let v2 = try await FeatureSupport.supports(.fdPassing, driver: yes)
        XCTAssertFalse(v2)
    }

    func testDriverFeaturesAreDeferred() async throws {
        let driver = RecordingDriver([.migrationV1])
        let v3 = try await FeatureSupport.supports(.migrationV1, driver: driver)
        XCTAssertTrue(v3)
        let v4 = try await FeatureSupport.supports(.migrationP2P, driver: driver)
        XCTAssertFalse(v4)
        XCTAssertEqual(driver.asked.withLock { $0 }, [.migrationV1, .migrationP2P])
    }

    func testESXDriverMigrationOnlyOnVCenterWithVMotion() async throws {
        let asked = Mutex(0)
        func driver(_ product: ProductLine, vmotion: Bool) -> ESXDriverFeatures {
            ESXDriverFeatures(product: product, lockPluginName: "lockd") {
                asked.withLock { $0 += 1 }
                return vmotion
            }
        }
        let v5 = try await driver(.esx, vmotion: true).supportsDriverFeature(.migrationV1)
        XCTAssertFalse(v5)
        let v6 = try await driver(.gsx, vmotion: true).supportsDriverFeature(.migrationV1)
        XCTAssertFalse(v6)
        XCTAssertEqual(asked.withLock { $0 }, 0, "standalone hosts are not asked")
        let v7 = try await driver(.vpx, vmotion: true).supportsDriverFeature(.migrationV1)
        XCTAssertTrue(v7)
        let v8 = try await driver(.vpx, vmotion: false).supportsDriverFeature(.migrationV1)
        XCTAssertFalse(v8)
        for feature in [ESXFeature.migrationV2, .migrationV3, .migrationP2P, .migrationDirect, .migrationOffline, .migrationParams] {
            let v9 = try await driver(.vpx, vmotion: true).supportsDriverFeature(feature)
            XCTAssertFalse(v9)
        }
        let v10 = try await driver(.esx, vmotion: false).supportsDriverFeature(.diskLeases)
        XCTAssertTrue(v10)
        let v11 = try await ESXDriverFeatures(product: .esx, lockPluginName: "nop") { false }.supportsDriverFeature(.diskLeases)
        XCTAssertFalse(v11)
    }

    func testConnectionsOnTheSimulator() async throws {
        let esx = try await SharedSimulators.esx()
        let esxConnection = try await ESXTest.connect(esx)
        let esxMigration = try await esxConnection.supportsFeature(.migrationV1)
        XCTAssertFalse(esxMigration)
        let esxTyped = try await esxConnection.supportsFeature(.typedParameterStrings)
        XCTAssertTrue(esxTyped)
        await esxConnection.close()

        let vpx = try await SharedSimulators.vpx()
        let vpxConnection = try await ESXTest.connect(vpx, scheme: "vpx", path: "DC0/DC0_H0")
        let host = vpxConnection.inventory.host
        let reported = try await vpxConnection.run { client in
            try await client.retrieveProperties(of: [host], [.capability.vmotionSupported])
                .first?[.capability.vmotionSupported] ?? false
        }
        let vpxMigration = try await vpxConnection.supportsFeature(.migrationV1)
        XCTAssertEqual(vpxMigration, reported)
        let events = try await vpxConnection.supportsFeature(.domainEventCallbacks)
        XCTAssertTrue(events)
        await vpxConnection.close()
    }
}
