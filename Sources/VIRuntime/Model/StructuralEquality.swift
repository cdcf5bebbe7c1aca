/// Member-wise equality and hashing for generated data objects, without generated code.
///
/// Data objects hold existentials (`any VirtualDeviceProtocol`), out-of-line boxes and
/// unknown-subtype records, so the compiler cannot synthesize `Equatable` for them; generating an
/// `==` per type would cost compile time across 3,000 types. Instead every data object gets one
/// implementation that walks its stored members by reflection: two values are equal when they have
/// the same dynamic type and every member is equal, recursively (arrays element by element,
/// polymorphic members by their dynamic type, unknown-subtype raw XML included).
///
/// This is slower than a hand-written `==` (it is meant for tests, caches and change detection, not
/// inner loops) and agrees with it on every value.
public enum VIStructuralEquality {
    /// Whether `lhs` and `rhs` are equal member by member.
    public static func equal(_ lhs: Any, _ rhs: Any) -> Bool {
        if let left = lhs as? any VIDataObject {
            guard let right = rhs as? any VIDataObject, type(of: left) == type(of: right) else { return false }
            return childrenEqual(Mirror(reflecting: left), Mirror(reflecting: right))
        }
        if let left = lhs as? AnyHashable, let right = rhs as? AnyHashable { return left == right }
        let leftMirror = Mirror(reflecting: lhs)
        let rightMirror = Mirror(reflecting: rhs)
        guard leftMirror.displayStyle == rightMirror.displayStyle, leftMirror.subjectType == rightMirror.subjectType
        else { return false }
        switch leftMirror.displayStyle {
        case .optional, .collection, .class, .struct, .tuple:
            return childrenEqual(leftMirror, rightMirror)
        default:
            return String(reflecting: lhs) == String(reflecting: rhs)
        }
    }

    /// Feeds `value`'s members into `hasher`, consistently with ``equal(_:_:)``.
    public static func hash(_ value: Any, into hasher: inout Hasher) {
        if let object = value as? any VIDataObject {
            hasher.combine(ObjectIdentifier(type(of: object)))
            for child in Mirror(reflecting: object).children { hash(child.value, into: &hasher) }
            return
        }
        if let hashable = value as? AnyHashable {
            hasher.combine(hashable)
            return
        }
        let mirror = Mirror(reflecting: value)
        hasher.combine(mirror.children.count)
        for child in mirror.children { hash(child.value, into: &hasher) }
    }

    private static func childrenEqual(_ lhs: Mirror, _ rhs: Mirror) -> Bool {
        guard lhs.children.count == rhs.children.count else { return false }
        for (left, right) in zip(lhs.children, rhs.children) {
            guard left.label == right.label, equal(left.value, right.value) else { return false }
        }
        return true
    }
}

extension VIDataObject {
    /// Member-wise equality (see ``VIStructuralEquality``).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        VIStructuralEquality.equal(lhs, rhs)
    }

    /// Member-wise hashing, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        VIStructuralEquality.hash(self, into: &hasher)
    }
}
