import Synchronization

/// The name -> type table that polymorphic decoding dispatches on.
///
/// Each generated file registers its own types; a module that adds types (such as `VIFull`)
/// registers into the same table, so `xsi:type` dispatch sees every subtype.
public final class VITypeRegistry: Sendable {
    /// The process-wide table.
    public static let shared = VITypeRegistry()

    private struct Tables {
        var objects: [String: any VIDataObject.Type] = [:]
        var enums: [String: any VIEnum.Type] = [:]
    }

    private let tables = Mutex(Tables())

    public init() {}

    /// Adds data object types under their wire names.
    public func register(objects: [any VIDataObject.Type]) {
        tables.withLock { t in
            for type in objects { t.objects[type.wireName] = type }
        }
    }

    /// Adds enum types under their wire names.
    public func register(enums: [any VIEnum.Type]) {
        tables.withLock { t in
            for type in enums { t.enums[type.wireName] = type }
        }
    }

    /// The data object type registered under `wireName`.
    public func objectType(named wireName: String) -> (any VIDataObject.Type)? {
        tables.withLock { $0.objects[wireName] }
    }

    /// The enum type registered under `wireName`.
    public func enumType(named wireName: String) -> (any VIEnum.Type)? {
        tables.withLock { $0.enums[wireName] }
    }

    /// Every registered data object wire name, sorted.
    public var objectNames: [String] { tables.withLock { $0.objects.keys.sorted() } }

    /// Every registered enum wire name, sorted.
    public var enumNames: [String] { tables.withLock { $0.enums.keys.sorted() } }
}
