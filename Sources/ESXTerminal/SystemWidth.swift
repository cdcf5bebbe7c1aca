import CWidth

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Scalar widths from `wcwidth` in a UTF-8 `LC_CTYPE` locale.
///
/// In the C locale `wcwidth` answers -1 for every non-ASCII scalar, so the calls run with a
/// UTF-8 locale made current for the calling thread only (`uselocale`), restored afterwards.
enum SystemWidth {
    /// A UTF-8 character-type locale, or nil when none is installed.
    private nonisolated(unsafe) static let utf8Locale: locale_t? = {
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
            if let locale = newlocale(LC_CTYPE_MASK, name, nil) { return locale }
        }
        return nil
    }()

    /// Whether `wcwidth` is used (a UTF-8 locale is installed); otherwise ``FallbackWidth`` is.
    static var usesSystemTable: Bool { utf8Locale != nil }

    /// Runs `body` with a scalar width function, switching the thread's locale around it.
    static func withScalarWidth<T>(_ body: ((Unicode.Scalar) -> Int) -> T) -> T {
        guard let locale = utf8Locale else { return body(FallbackWidth.cells) }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        return body(systemCells)
    }

    /// `wcwidth`, with controls as 0 and scalars it does not know as ``FallbackWidth`` says.
    private static func systemCells(_ scalar: Unicode.Scalar) -> Int {
        let width = Int(cwidth_wcwidth(scalar.value))
        return width >= 0 ? width : FallbackWidth.cells(scalar)
    }
}
