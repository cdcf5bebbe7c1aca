/// Swift spellings of schema names: keyword escaping, clash renames, identifier cleanup.
enum SwiftNames {
    /// Swift keywords that must be escaped with backticks when used as identifiers.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "super", "throws",
        "true", "try", "_", "any", "some", "async", "consume", "copy", "discard", "each", "borrowing",
        "consuming", "package",
    ]

    /// Identifiers that cannot be used even with backticks, or would shadow generated API.
    static let renamedMembers: [String: String] = [
        "self": "self_", "Self": "Self_", "Type": "Type_", "Protocol": "Protocol_",
        "unknownSubtype": "unknownSubtype_", "wireName": "wireName_", "ancestors": "ancestors_",
    ]

    /// Type names that clash with the Swift standard library, concurrency or Foundation.
    static let renamedTypes: [String: String] = [
        "Task": "VITask", "FileManager": "VIFileManager", "Error": "VIError", "Result": "VIResult",
        "Date": "VIDate", "Data": "VIData", "URL": "VIURL", "Locale": "VILocale", "TimeZone": "VITimeZone",
        "Host": "VIHost", "Thread": "VIThread", "Timer": "VITimer", "Process": "VIProcess",
        "Notification": "VINotification", "Operation": "VIOperation", "Progress": "VIProgress",
        "UUID": "VIUUID", "Bundle": "VIBundle", "Decimal": "VIDecimal", "Duration": "VIDuration",
        "Clock": "VIClock", "Set": "VISet", "Array": "VIArray", "Dictionary": "VIDictionary",
        "String": "VIString", "Optional": "VIOptional", "Never": "VINever", "Range": "VIRange",
        "Calendar": "VICalendar", "Measurement": "VIMeasurement", "Unit": "VIUnit", "Mirror": "VIMirror",
        "Executor": "VIExecutor", "Actor": "VIActor", "AnyValue": "VIAnyValue",
        "ManagedObjectReference": "VIManagedObjectReference",
    ]

    /// The Swift name of a declared type.
    static func typeName(_ wireName: String) -> String { renamedTypes[wireName] ?? wireName }

    /// The protocol adopted by a data object with subtypes and all its subtypes.
    static func protocolName(_ wireName: String) -> String { typeName(wireName) + "Protocol" }

    /// A member or parameter name as a Swift identifier (escaped when needed).
    static func memberName(_ wireName: String) -> String {
        if let renamed = renamedMembers[wireName] { return renamed }
        return escape(wireName)
    }

    /// Backticks for keywords.
    static func escape(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// A method's Swift name: the wire name with its leading capitals lowered (`HTTPNfcLeaseComplete` ->
    /// `httpNfcLeaseComplete`, `PowerOnVM_Task` -> `powerOnVM_Task`, `setCustomValue` unchanged).
    static func methodName(_ wireName: String) -> String {
        let scalars = Array(wireName)
        var upperRun = 0
        while upperRun < scalars.count, scalars[upperRun].isUppercase { upperRun += 1 }
        guard upperRun > 0 else { return escape(wireName) }
        var lowered = upperRun
        if upperRun > 1 && upperRun < scalars.count && scalars[upperRun].isLowercase { lowered = upperRun - 1 }
        let head = String(scalars[..<lowered]).lowercased()
        let name = head + String(scalars[lowered...])
        return renamedMethods[name] ?? escape(name)
    }

    /// Method names that would collide with `VIClient`'s own API.
    static let renamedMethods: [String: String] = [
        "invoke": "invoke_", "bind": "bind_", "serviceContent": "serviceContent_", "url": "url_",
        "transport": "transport_", "logger": "logger_", "statistics": "statistics_",
    ]

    /// A Swift identifier for an enum value (`poweredOn`, `vmx-04` -> `vmx_04`, `8k` -> `_8k`).
    static func enumCaseName(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            let isWordCharacter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || scalar == "_"
            result.unicodeScalars.append(isWordCharacter ? scalar : "_")
        }
        if result.isEmpty { result = "_empty" }
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) { result = "_" + result }
        if ["rawValue", "wireName", "declaredValues", "isDeclared", "init", "self", "Type", "Protocol"].contains(result) {
            result += "_"
        }
        return escape(result)
    }

    /// A string literal.
    static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
