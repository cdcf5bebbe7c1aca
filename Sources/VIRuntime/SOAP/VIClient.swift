import Foundation
import Logging
import Synchronization

/// A connection to a vSphere SOAP endpoint (`https://host/sdk`): the one place requests are sent.
///
/// Generated method wrappers are extensions of this type. It is safe to share between tasks:
/// calls run concurrently over the transport's connection pool, and the session cookie is shared.
public final class VIClient: Sendable {
    /// The API version this SDK's schema speaks, used in `SOAPAction` until the server says less.
    public static let defaultAPIVersion = "8.0.3.0"

    /// The endpoint URL.
    public let url: String
    /// The HTTP transport (libcurl by default).
    public let transport: any HTTPTransport
    /// Logs calls at debug level and redacted bodies at trace level; never passwords or cookies.
    public let logger: Logger
    /// Bounds applied to every response.
    public let limits: VIXMLLimits
    /// The type table used for `xsi:type` dispatch.
    public let registry: VITypeRegistry

    private struct State {
        var cookies: [(name: String, value: String)] = []
        var apiVersion: String
        var serviceContent: (any VIDataObject)?
        var statistics = Statistics()
    }

    /// Counters of the traffic so far.
    public struct Statistics: Sendable, Hashable {
        public var requests = 0
        public var bytesSent = 0
        public var bytesReceived = 0
        /// Size of the most recent response body.
        public var lastResponseBytes = 0
        /// Size of the largest response body so far.
        public var largestResponseBytes = 0
        /// Time spent waiting for the transport (request out, response in).
        public var transportTime: Duration = .zero
        /// Time spent decoding responses.
        public var decodeTime: Duration = .zero
        /// `xsi:type` names met that this SDK does not know (decoded as the nearest declared type, raw XML kept).
        public var unknownTypes: Set<String> = []
    }

    private let state: Mutex<State>

    public init(
        url: String, transport: any HTTPTransport, apiVersion: String = VIClient.defaultAPIVersion,
        logger: Logger = Logger(label: "swift-esx.vi"), limits: VIXMLLimits = .default,
        registry: VITypeRegistry = .shared
    ) {
        self.url = url
        self.transport = transport
        self.logger = logger
        self.limits = limits
        self.registry = registry
        self.state = Mutex(State(apiVersion: apiVersion))
    }

    /// A client over a new libcurl transport.
    public convenience init(
        url: String, options: TransportOptions = TransportOptions(),
        apiVersion: String = VIClient.defaultAPIVersion, logger: Logger = Logger(label: "swift-esx.vi")
    ) throws {
        self.init(url: url, transport: try CurlTransport(options: options), apiVersion: apiVersion, logger: logger)
    }

    /// The version sent in `SOAPAction` (`urn:vim25/<version>`).
    public var apiVersion: String {
        get { state.withLock { $0.apiVersion } }
        set { state.withLock { $0.apiVersion = newValue } }
    }

    /// The session cookie header value (`vmware_soap_session="..."`), shareable with another client.
    public var sessionCookie: String? {
        get {
            state.withLock { s in
                Self.cookieHeader(s.cookies)
            }
        }
        set {
            state.withLock { s in
                s.cookies = newValue.map(Self.parseCookiePairs) ?? []
            }
        }
    }

    /// Traffic counters.
    public var statistics: Statistics { state.withLock { $0.statistics } }

    // MARK: Calls

    /// Sends one SOAP call: `encode` writes the parameters, `decode` reads the `<methodResponse>` element.
    ///
    /// The call is bounded by the transport's time limits, or by ``VICallOptions/current``
    /// (see ``withCallDeadline(_:isolation:_:)``). Transport failures throw ``VITransportError``
    /// naming `method`; cancellation throws `CancellationError`.
    public func invoke<Result>(
        _ method: String, _ encode: (inout VIXMLWriter) throws -> Void,
        decode: (VIXMLReader) throws -> Result
    ) async throws -> Result {
        let request = try SOAPEnvelope.request(method: method, encode)
        if logger.logLevel <= .trace {
            let redacted = try SOAPEnvelope.request(method: method, redactSecrets: true, encode)
            logger.trace("request \(method): \(redacted.string)")
        }
        let (cookie, version) = state.withLock { s in
            (Self.cookieHeader(s.cookies), s.apiVersion)
        }
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "text/xml; charset=utf-8"),
            ("SOAPAction", "urn:vim25/\(version)"),
        ]
        if let cookie { headers.append(("Cookie", cookie)) }
        let started = ContinuousClock.now
        let limits = VICallOptions.current
        let response = try await send(
            HTTPRequest(
                url: url, headers: headers, body: request.bytes, timeout: limits.deadline,
                lowSpeedTime: limits.lowSpeedTime),
            method: method)
        let received = ContinuousClock.now
        remember(response, sent: request.bytes.count, transportTime: received - started)
        logger.debug("call \(method): HTTP \(response.status), \(response.body.count) bytes, \(received - started)")
        defer {
            let decoded = ContinuousClock.now - received
            state.withLock { $0.statistics.decodeTime += decoded }
        }
        switch response.status {
        case 200:
            return try decodeEnvelope(response, method: method, decode)
        case 500:
            // A fault, or an error page that is not SOAP at all.
            do {
                return try decodeEnvelope(response, method: method, decode)
            } catch let fault as VISOAPFault {
                throw fault
            } catch {
                throw VIHTTPError.status(method: method, status: response.status)
            }
        case 300..<400:
            throw VIHTTPError.redirect(
                method: method, status: response.status, location: response.header("Location") ?? "")
        default:
            throw VIHTTPError.status(method: method, status: response.status)
        }
    }

    /// Sends `request`, naming `method` in transport errors.
    private func send(_ request: HTTPRequest, method: String) async throws -> HTTPResponse {
        do {
            return try await transport.send(request)
        } catch TransportError.cancelled {
            throw CancellationError()
        } catch let error as TransportError {
            throw VITransportError(method: method, reason: error)
        }
    }

    private func remember(_ response: HTTPResponse, sent: Int, transportTime: Duration) {
        let setCookies = response.headers(named: "Set-Cookie")
        state.withLock { s in
            s.statistics.requests += 1
            s.statistics.transportTime += transportTime
            s.statistics.bytesSent += sent
            s.statistics.bytesReceived += response.body.count
            s.statistics.lastResponseBytes = response.body.count
            s.statistics.largestResponseBytes = max(s.statistics.largestResponseBytes, response.body.count)
            for header in setCookies {
                guard let pair = Self.parseCookiePairs(header).first else { continue }
                s.cookies.removeAll { $0.name == pair.name }
                s.cookies.append(pair)
            }
        }
    }

    /// The `Cookie` header value for the stored cookies, nil when there are none.
    private static func cookieHeader(_ cookies: [(name: String, value: String)]) -> String? {
        cookies.isEmpty ? nil : cookies.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }

    /// `name=value` pairs of a `Cookie` header, or the first pair of a `Set-Cookie` header.
    static func parseCookiePairs(_ header: String) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for part in header.split(separator: ";") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let equals = trimmed.firstIndex(of: "="), equals != trimmed.startIndex else { continue }
            let name = String(trimmed[..<equals])
            let lowered = name.lowercased()
            if ["path", "domain", "expires", "max-age", "samesite"].contains(lowered) { continue }
            pairs.append((name, String(trimmed[trimmed.index(after: equals)...])))
        }
        return pairs
    }

    private func decodeEnvelope<Result>(
        _ response: HTTPResponse, method: String, _ decode: (VIXMLReader) throws -> Result
    ) throws -> Result {
        let outcome: Result? = try VIXMLReader.withReader(bytes: response.body, limits: limits, registry: registry) {
            reader in
            try reader.moveToDocumentElement()
            guard reader.localName == "Envelope" else {
                throw VIDecodingError.unexpectedElement(expected: "Envelope", found: reader.localName)
            }
            var envelope = reader.beginElement()
            while let name = try reader.nextChild(&envelope) {
                guard name == "Body" else {
                    try reader.skipElement()
                    continue
                }
                var body = reader.beginElement()
                while let child = try reader.nextChild(&body) {
                    if child == "Fault" { throw try decodeFault(reader, method: method) }
                    guard response.status == 200 else { return nil }
                    guard child == method + "Response" else {
                        throw VIDecodingError.unexpectedElement(expected: method + "Response", found: child)
                    }
                    let result = try decode(reader)
                    if !reader.unknownTypes.isEmpty {
                        let names = reader.unknownTypes
                        state.withLock { $0.statistics.unknownTypes.formUnion(names) }
                        logger.debug("call \(method): kept unknown types as raw XML: \(Set(names).sorted())")
                    }
                    return result
                }
            }
            return nil
        }
        guard let outcome else {
            if response.status != 200 { throw VIHTTPError.status(method: method, status: response.status) }
            throw VIDecodingError.unexpectedElement(expected: method + "Response", found: "nothing")
        }
        return outcome
    }

    private func decodeFault(_ reader: VIXMLReader, method: String) throws -> VISOAPFault {
        var code = ""
        var string = ""
        var faultType: String?
        var fault: (any VIDataObject)?
        var scope = reader.beginElement()
        while let name = try reader.nextChild(&scope) {
            switch name {
            case "faultcode": code = try reader.readText()
            case "faultstring": string = try reader.readText()
            case "detail":
                var detail = reader.beginElement()
                while let element = try reader.nextChild(&detail) {
                    guard faultType == nil else {
                        try reader.skipElement()
                        continue
                    }
                    let typeName = reader.xsiTypeName()
                        ?? (element.hasSuffix("Fault") ? String(element.dropLast(5)) : element)
                    faultType = typeName
                    if let type = registry.objectType(named: typeName) {
                        fault = try type.init(members: reader)
                    } else {
                        try reader.skipElement()
                    }
                }
            default: try reader.skipElement()
            }
        }
        return VISOAPFault(method: method, faultCode: code, faultString: string, faultType: faultType, fault: fault)
    }

    // MARK: ServiceContent

    /// The server's `ServiceContent`, retrieved once with `RetrieveServiceContent` and cached.
    public func serviceContent<Content: VIDataObject>(as type: Content.Type) async throws -> Content {
        if let cached = state.withLock({ $0.serviceContent }) as? Content { return cached }
        let content = try await invoke("RetrieveServiceContent") { writer in
            try writer.moRefElement("_this", ManagedObjectReference(type: "ServiceInstance", value: "ServiceInstance"))
        } decode: { reader in
            try reader.returnValue("RetrieveServiceContent", Content.decodeValue)
        }
        state.withLock { $0.serviceContent = content }
        return content
    }

    /// The `_this` of a method bound to a `ServiceContent` member.
    public func bind<Content: VIDataObject, Target>(
        _ method: String, member: String, _ select: (Content) -> Target?
    ) async throws -> Target {
        let content = try await serviceContent(as: Content.self)
        guard let target = select(content) else { throw VIClientError.unboundThis(method: method, member: member) }
        return target
    }
}
