/// Reading `returnval` elements of a `<methodResponse>`, by the method's return occurrence.
extension VIXMLReader {
    /// Exactly one `returnval` (`returns T r`).
    public func returnValue<T>(_ method: String, _ decode: (VIXMLReader) throws -> T) throws -> T {
        let values = try returnValues(method, decode)
        guard values.count == 1 else {
            throw VIClientError.unexpectedResult(
                method: method,
                reason: values.isEmpty
                    ? "returned an empty result, expecting a non-empty result"
                    : "returned a list, expecting exactly one item")
        }
        return values[0]
    }

    /// At most one `returnval` (`returns T o`).
    public func optionalReturnValue<T>(_ method: String, _ decode: (VIXMLReader) throws -> T) throws -> T? {
        let values = try returnValues(method, decode)
        guard values.count <= 1 else {
            throw VIClientError.unexpectedResult(method: method, reason: "returned a list, expecting at most one item")
        }
        return values.first
    }

    /// Any number of `returnval` elements (`returns T ol`; `rl` when `required`).
    public func returnValues<T>(_ method: String, required: Bool = false, _ decode: (VIXMLReader) throws -> T)
        throws -> [T]
    {
        var values: [T] = []
        var scope = beginElement()
        while let name = try nextChild(&scope) {
            if name == "returnval" {
                values.append(try decode(self))
            } else {
                try skipElement()
            }
        }
        if required && values.isEmpty {
            throw VIClientError.unexpectedResult(
                method: method, reason: "returned an empty result, expecting a non-empty result")
        }
        return values
    }

    /// No `returnval` (a method without `returns`).
    public func noReturnValue(_ method: String) throws {
        let values: [Void] = try returnValues(method) { reader in try reader.skipElement() }
        if !values.isEmpty {
            throw VIClientError.unexpectedResult(method: method, reason: "returned something, expecting an empty result")
        }
    }
}
