/// One rule of `Scripts/fake-vsphere-server.py --faults` (see its docstring).
struct FaultRule: Encodable, Sendable {
    enum Action: String, Encodable, Sendable {
        case fault, silent, slow, short, reset, html500, html200, redirect, empty, big, replace
    }

    var op: String = "*"
    var not: [String]?
    var at: Int?
    var nth: Int?
    var from: Int?
    /// Active only once `after[0]` was requested more than `after[1]` times (this request included).
    var after: AfterCount?
    var action: Action
    var type: String?
    var message: String?
    var interval: Double?
    var send: Int?
    var bytes: Int?
    var chunked: Bool?
    var subs: [[String]]?

    struct AfterCount: Encodable, Sendable {
        var op: String
        var count: Int
        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(op)
            try container.encode(count)
        }
    }

    /// Operations that only end things: left alone by "forever" rules so leaks can be counted.
    static let cleanup = [
        "RetrieveServiceContent", "Login", "Logout", "DestroyView", "DestroyPropertyFilter",
        "DestroyPropertyCollector", "CancelWaitForUpdates",
    ]

    /// NotAuthenticated (or `type`) as a 500 SOAP fault.
    static func fault(op: String = "*", at: Int? = nil, nth: Int? = nil, type: String = "NotAuthenticated", message: String? = nil) -> FaultRule {
        FaultRule(op: op, at: at, nth: nth, action: .fault, type: type, message: message)
    }
}
