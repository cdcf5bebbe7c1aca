/// Typed access to vim25 faults that honours the fault hierarchy.
///
/// A server may send a subtype of the fault a caller expects (`FileNotFound` where `FileFault` is
/// handled) or a subtype this SDK does not know (decoded as its nearest known ancestor).
/// `isFault(T.self)` is true for `T` and all its subtypes; `fault(as: T.self)` returns the fault
/// as `T`: the value itself when it is a `T`, or its `T` part (the members `T` declares) when it is
/// a subtype.
public enum VIFaults {
    /// Whether `fault` is a `T` or a subtype of `T` (by wire name, so unknown subtypes decoded as a
    /// known ancestor count too).
    public static func fault<T: VIDataObject>(_ fault: any VIDataObject, isA type: T.Type) -> Bool {
        let dynamicType = Swift.type(of: fault)
        return dynamicType.wireName == T.wireName || dynamicType.ancestors.contains(T.wireName)
    }

    /// `fault` as `T`: itself when it has that type, its `T` part when it is a subtype of `T`,
    /// nil otherwise.
    public static func fault<T: VIDataObject>(_ fault: any VIDataObject, as type: T.Type) -> T? {
        if let exact = fault as? T { return exact }
        guard Self.fault(fault, isA: T.self) else { return nil }
        // The subtype's members are a superset of T's (inherited first): re-read them as T.
        var writer = VIXMLWriter()
        do {
            try fault.encodeValue(as: "fault", to: &writer)
            return try VIXMLReader.withReader(bytes: writer.bytes) { reader in
                try reader.moveToDocumentElement()
                return try T(members: reader)
            }
        } catch {
            return nil
        }
    }
}

/// A failure that carries a decoded vim25 fault (a SOAP fault, a failed task, ...).
public protocol VIFaultCarrying: Error {
    /// The decoded fault object, when the server sent one this SDK could decode.
    var faultObject: (any VIDataObject)? { get }
}

extension VISOAPFault: VIFaultCarrying {
    public var faultObject: (any VIDataObject)? { fault }
}

extension Error {
    /// The vim25 fault this error carries, as `T` (see ``VIFaults``); nil when it carries none or
    /// another type.
    public func fault<T: VIDataObject>(as type: T.Type) -> T? {
        guard let carried = (self as? any VIFaultCarrying)?.faultObject else { return nil }
        return VIFaults.fault(carried, as: T.self)
    }

    /// Whether this error carries a vim25 fault of type `T` or a subtype of `T`.
    public func isFault<T: VIDataObject>(_ type: T.Type) -> Bool {
        guard let carried = (self as? any VIFaultCarrying)?.faultObject else { return false }
        return VIFaults.fault(carried, isA: T.self)
    }
}
