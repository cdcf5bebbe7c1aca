import Foundation
import XCTest
@testable import ESX

final class ESXURITests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> ESXURI {
        do {
            return try ESXURI(parsing: text)
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            throw error
        }
    }

    private func assertError(
        _ text: String, _ expected: URIError, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try ESXURI(parsing: text), text, file: file, line: line) { error in
            XCTAssertEqual(error as? URIError, expected, text, file: file, line: line)
        }
    }

    private func assertParameterError(
        _ text: String, name: String, value: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try ESXURI(parsing: text), text, file: file, line: line) { error in
            guard case let .invalidParameter(actualName, actualValue, reason)? = error as? URIError else {
                return XCTFail("\(text): unexpected \(error)", file: file, line: line)
            }
            XCTAssertEqual(actualName, name, text, file: file, line: line)
            XCTAssertEqual(actualValue, value, text, file: file, line: line)
            XCTAssertFalse(reason.isEmpty, file: file, line: line)
        }
    }

    // MARK: Schemes, hosts, ports

    func testSchemesAndDefaultPorts() throws {
        let vectors: [(String, ESXURI.Scheme, Int, String)] = [
            ("esx://host", .esx, 443, "https://host:443/sdk"),
            ("esx://host/", .esx, 443, "https://host:443/sdk"),
            ("esx://host/?transport=http", .esx, 80, "http://host:80/sdk"),
            ("gsx://host/", .gsx, 8333, "https://host:8333/sdk"),
            ("gsx://host/?transport=http", .gsx, 8222, "http://host:8222/sdk"),
            ("vpx://vc/dc/cr", .vpx, 443, "https://vc:443/sdk"),
            ("vpx://vc/dc/cr?transport=http", .vpx, 80, "http://vc:80/sdk"),
            ("ESX://host/", .esx, 443, "https://host:443/sdk"),
            ("Gsx://host/", .gsx, 8333, "https://host:8333/sdk"),
            ("VPX://vc/dc/cr", .vpx, 443, "https://vc:443/sdk"),
            ("esx://host:8443/", .esx, 8443, "https://host:8443/sdk"),
            ("esx://host:8080/?transport=http", .esx, 8080, "http://host:8080/sdk"),
            ("gsx://host:1/", .gsx, 1, "https://host:1/sdk"),
            ("esx://host:65535", .esx, 65535, "https://host:65535/sdk"),
            ("esx://host:/", .esx, 443, "https://host:443/sdk"),
            ("esx://host:0443/", .esx, 443, "https://host:443/sdk"),
        ]
        for (text, scheme, port, sdk) in vectors {
            let uri = try parse(text)
            XCTAssertEqual(uri.scheme, scheme, text)
            XCTAssertEqual(uri.port, port, text)
            XCTAssertEqual(uri.sdkURL.absoluteString, sdk, text)
            XCTAssertEqual(uri.warnings, [], text)
        }
        XCTAssertNil(try parse("esx://host/").explicitPort)
        XCTAssertEqual(try parse("esx://host:443/").explicitPort, 443)
    }

    func testDefaultPortTable() {
        XCTAssertEqual(ESXURI.Scheme.esx.defaultPort(for: .https), 443)
        XCTAssertEqual(ESXURI.Scheme.esx.defaultPort(for: .http), 80)
        XCTAssertEqual(ESXURI.Scheme.vpx.defaultPort(for: .https), 443)
        XCTAssertEqual(ESXURI.Scheme.vpx.defaultPort(for: .http), 80)
        XCTAssertEqual(ESXURI.Scheme.gsx.defaultPort(for: .https), 8333)
        XCTAssertEqual(ESXURI.Scheme.gsx.defaultPort(for: .http), 8222)
    }

    func testHosts() throws {
        let vectors: [(String, String, String)] = [
            ("esx://192.168.0.10/", "192.168.0.10", "https://192.168.0.10:443/sdk"),
            ("esx://esx-01.lab.example.com/", "esx-01.lab.example.com", "https://esx-01.lab.example.com:443/sdk"),
            ("esx://Host_Name~1/", "Host_Name~1", "https://Host_Name~1:443/sdk"),
            ("esx://[::1]/", "::1", "https://[::1]:443/sdk"),
            ("esx://[2001:db8::1]:444/", "2001:db8::1", "https://[2001:db8::1]:444/sdk"),
            ("esx://root@[fe80::1]", "fe80::1", "https://[fe80::1]:443/sdk"),
            ("esx://[::ffff:192.168.0.1]/", "::ffff:192.168.0.1", "https://[::ffff:192.168.0.1]:443/sdk"),
        ]
        for (text, host, sdk) in vectors {
            let uri = try parse(text)
            XCTAssertEqual(uri.host, host, text)
            XCTAssertEqual(uri.sdkURL.absoluteString, sdk, text)
        }
    }

    func testUsers() throws {
        let vectors: [(String, String?, String?)] = [
            ("esx://host/", nil, nil),
            ("esx://root@host/", "root", nil),
            ("esx://DOMAIN%5Cuser@host/", "DOMAIN\\user", nil),
            ("esx://user%40corp.example@host/", "user@corp.example", nil),
            ("esx://a@b@host/", "a@b", nil),
            ("esx://J%C3%BCrgen@host/", "Jürgen", nil),
            ("esx://root:secret@host/", "root", "secret"),
            ("esx://root:@host/", "root", ""),
            ("esx://root:p%40ss:word@host/", "root", "p@ss:word"),
        ]
        for (text, user, password) in vectors {
            let uri = try parse(text)
            XCTAssertEqual(uri.user, user, text)
            XCTAssertEqual(uri.password, password, text)
            XCTAssertEqual(uri.host, "host", text)
        }
    }

    func testRejectedSchemesAndAuthorities() {
        assertError("", .malformed(reason: "expected 'scheme://host'"))
        assertError("host", .malformed(reason: "expected 'scheme://host'"))
        assertError("esx:/host", .malformed(reason: "expected 'scheme://host'"))
        assertError("esx:host", .malformed(reason: "expected 'scheme://host'"))
        assertError("http://host/", .unsupportedScheme("http"))
        assertError("https://host/sdk", .unsupportedScheme("https"))
        assertError("xyz://host/", .unsupportedScheme("xyz"))
        assertError("esxi://host/", .unsupportedScheme("esxi"))
        assertError("://host/", .unsupportedScheme(""))
        assertError("esx://", .missingHost)
        assertError("esx:///", .missingHost)
        assertError("esx://root@/", .missingHost)
        assertError("esx://:443/", .missingHost)
        assertError("esx://?no_verify=1", .missingHost)
        assertError("esx://host:0/", .invalidPort("0"))
        assertError("esx://host:65536/", .invalidPort("65536"))
        assertError("esx://host:100000/", .invalidPort("100000"))
        assertError("esx://host:abc/", .invalidPort("abc"))
        assertError("esx://host:-1/", .invalidPort("-1"))
        assertError("esx://host:+1/", .invalidPort("+1"))
        assertError("esx://host:443:1/", .invalidPort("443:1"))
        assertError("esx://ho st/", .invalidHost("ho st"))
        assertError("esx://hö/", .invalidHost("hö"))
        assertError("esx://host%41/", .invalidHost("host%41"))
        assertError("esx://[::1/", .invalidHost("[::1"))
        assertError("esx://[xyz]/", .invalidHost("[xyz]"))
        assertError("esx://[]/", .invalidHost("[]"))
        assertError("esx://[1.2.3.4]/", .invalidHost("[1.2.3.4]"))
        assertError("esx://[::1]x/", .invalidHost("[::1]x"))
        assertError("esx://@host/", .malformed(reason: "empty user name before '@'"))
        assertError("esx://:pw@host/", .malformed(reason: "empty user name before '@'"))
        assertError("esx://%zz@host/", .malformed(reason: "invalid percent encoding in the user name"))
        assertError("esx://root:%z@host/", .malformed(reason: "invalid percent encoding in the password"))
    }

    // MARK: Paths

    func testVPXPaths() throws {
        let vectors: [(String, [String])] = [
            ("vpx://vc/dc/cr", ["dc", "cr"]),
            ("vpx://vc/dc/cr/", ["dc", "cr"]),
            ("vpx://vc/dc/cluster/host1", ["dc", "cluster", "host1"]),
            ("vpx://vc/folder/dc/folder2/cluster/esx1.example.com", ["folder", "dc", "folder2", "cluster", "esx1.example.com"]),
            ("vpx://vc/My%20Folder/DC%201/cr", ["My Folder", "DC 1", "cr"]),
            ("vpx://vc/a%2fb/cr", ["a/b", "cr"]),
            ("vpx://vc/a%252fb/cr", ["a%2fb", "cr"]),
            ("vpx://vc/Rechenzentrum%20M%C3%BCnchen/cr", ["Rechenzentrum München", "cr"]),
            ("vpx://root@vc:444/dc/cr?no_verify=1", ["dc", "cr"]),
        ]
        for (text, items) in vectors {
            let uri = try parse(text)
            XCTAssertEqual(uri.pathItems, items, text)
            XCTAssertEqual(uri.warnings, [], text)
        }
    }

    func testRejectedVPXPaths() {
        for (text, path) in [
            ("vpx://vc", ""), ("vpx://vc/", "/"), ("vpx://vc?no_verify=1", ""), ("vpx://vc//", "//"),
        ] {
            XCTAssertThrowsError(try ESXURI(parsing: text), text) { error in
                guard case .invalidPath(path, _)? = error as? URIError else { return XCTFail("\(text): \(error)") }
            }
        }
        for (text, path, reasonPart) in [
            ("vpx://vc/dc", "/dc", "datacenter and a compute resource"),
            ("vpx://vc/dc/", "/dc/", "datacenter and a compute resource"),
            ("vpx://vc/dc//cr", "/dc//cr", "empty path item"),
            ("vpx://vc//dc/cr", "//dc/cr", "empty path item"),
            ("vpx://vc/dc/cr//", "/dc/cr//", "empty path item"),
            ("vpx://vc/dc/%zz", "/dc/%zz", "percent"),
            ("vpx://vc/dc/%ff", "/dc/%ff", "percent"),
        ] {
            XCTAssertThrowsError(try ESXURI(parsing: text), text) { error in
                guard case let .invalidPath(actualPath, reason)? = error as? URIError else {
                    return XCTFail("\(text): \(error)")
                }
                XCTAssertEqual(actualPath, path, text)
                XCTAssertTrue(reason.contains(reasonPart), "\(text): \(reason)")
            }
        }
    }

    func testESXAndGSXPathsAreIgnoredWithAWarning() throws {
        XCTAssertEqual(try parse("esx://host").warnings, [])
        XCTAssertEqual(try parse("esx://host/").warnings, [])
        let uri = try parse("esx://host/dc/cr")
        XCTAssertEqual(uri.pathItems, [])
        XCTAssertEqual(uri.warnings, [.ignoredPath("/dc/cr")])
        XCTAssertEqual(try parse("gsx://host//").warnings, [.ignoredPath("//")])
        XCTAssertEqual(try parse("gsx://host/sdk?no_verify=1").warnings, [.ignoredPath("/sdk")])
    }

    // MARK: Parameters

    func testDefaults() throws {
        let parameters = try parse("esx://host/").parameters
        XCTAssertEqual(parameters, ESXURIParameters())
        XCTAssertEqual(parameters.transport, .https)
        XCTAssertNil(parameters.vCenter)
        XCTAssertFalse(parameters.noVerify)
        XCTAssertFalse(parameters.autoAnswer)
        XCTAssertNil(parameters.proxy)
    }

    func testAllParameters() throws {
        let uri = try parse("esx://host/?transport=http&vcenter=vc.example.com&no_verify=1&auto_answer=1&proxy=socks://p:9")
        XCTAssertEqual(uri.parameters.transport, .http)
        XCTAssertEqual(uri.parameters.vCenter, .host("vc.example.com"))
        XCTAssertTrue(uri.parameters.noVerify)
        XCTAssertTrue(uri.parameters.autoAnswer)
        XCTAssertEqual(uri.parameters.proxy, try ESXProxy(kind: .socks5, host: "p", port: 9))
        XCTAssertEqual(uri.warnings, [])
    }

    func testParameterNamesAreCaseInsensitive() throws {
        let uri = try parse("esx://host/?TRANSPORT=http&No_Verify=1&AUTO_answer=1&VCenter=*&PROXY=p")
        XCTAssertEqual(uri.parameters.transport, .http)
        XCTAssertTrue(uri.parameters.noVerify)
        XCTAssertTrue(uri.parameters.autoAnswer)
        XCTAssertEqual(uri.parameters.vCenter, .managingServer)
        XCTAssertEqual(uri.parameters.proxy?.host, "p")
        XCTAssertEqual(uri.warnings, [])
    }

    func testLaterParametersWin() throws {
        let uri = try parse("esx://host/?transport=http&transport=https&no_verify=1&no_verify=0&vcenter=a&vcenter=b")
        XCTAssertEqual(uri.parameters.transport, .https)
        XCTAssertFalse(uri.parameters.noVerify)
        XCTAssertEqual(uri.parameters.vCenter, .host("b"))
        XCTAssertEqual(uri.port, 443)
        XCTAssertEqual(try parse("esx://h/?auto_answer=0&AUTO_ANSWER=1").parameters.autoAnswer, true)
        XCTAssertEqual(try parse("esx://h/?proxy=a&proxy=socks4://b:2").parameters.proxy?.description, "socks4://b:2")
    }

    func testUnknownParametersAreWarned() throws {
        let uri = try parse("esx://host/?foo=bar&no_verify=1&Baz&=x")
        XCTAssertTrue(uri.parameters.noVerify)
        XCTAssertEqual(uri.warnings, [.unknownParameter(name: "foo"), .unknownParameter(name: "baz"), .unknownParameter(name: "")])
        XCTAssertEqual(uri.warnings.first?.description, "ignoring unknown query parameter 'foo'")
    }

    func testSeparatorsAndEmptySegments() throws {
        let uri = try parse("esx://host/?&&no_verify=1;auto_answer=1&")
        XCTAssertTrue(uri.parameters.noVerify)
        XCTAssertTrue(uri.parameters.autoAnswer)
        XCTAssertEqual(uri.warnings, [])
        XCTAssertEqual(try parse("esx://host?").parameters, ESXURIParameters())
    }

    func testPercentDecodingOfParameters() throws {
        let uri = try parse("esx://host/?proxy=http%3A%2F%2Fproxy.example.com%3A3128&vcenter=vc%2Dprod&no%5Fverify=%31")
        XCTAssertEqual(uri.parameters.proxy, try ESXProxy(kind: .http, host: "proxy.example.com", port: 3128))
        XCTAssertEqual(uri.parameters.vCenter, .host("vc-prod"))
        XCTAssertTrue(uri.parameters.noVerify)
        assertParameterError("esx://host/?vcenter=%zz", name: "vcenter", value: "%zz")
        assertParameterError("esx://host/?proxy=%", name: "proxy", value: "%")
    }

    func testTransport() throws {
        XCTAssertEqual(try parse("esx://h/?transport=https").parameters.transport, .https)
        XCTAssertEqual(try parse("esx://h/?transport=http").parameters.transport, .http)
        // Values are matched case-insensitively, like URL schemes.
        XCTAssertEqual(try parse("esx://h/?transport=HTTP").parameters.transport, .http)
        for value in ["ftp", "", "httpx", "http ", "https://"] {
            assertParameterError("esx://h/?transport=\(value)", name: "transport", value: value)
        }
        assertParameterError("esx://h/?Transport=ftp", name: "transport", value: "ftp")
        assertParameterError("esx://h/?transport", name: "transport", value: "")
    }

    func testFlags() throws {
        for name in ["no_verify", "auto_answer"] {
            let on = try parse("esx://h/?\(name)=1").parameters
            let off = try parse("esx://h/?\(name)=0").parameters
            XCTAssertTrue(name == "no_verify" ? on.noVerify : on.autoAnswer)
            XCTAssertFalse(name == "no_verify" ? off.noVerify : off.autoAnswer)
            for value in ["2", "", "true", "yes", "01", "-1", "1 ", "%201"] {
                let decoded = value == "%201" ? " 1" : value
                assertParameterError("esx://h/?\(name)=\(value)", name: name, value: decoded)
            }
        }
    }

    func testVCenter() throws {
        XCTAssertEqual(try parse("esx://h/?vcenter=*").parameters.vCenter, .managingServer)
        XCTAssertEqual(try parse("esx://h/?vcenter=10.0.0.5").parameters.vCenter, .host("10.0.0.5"))
        XCTAssertEqual(try parse("gsx://h/?vcenter=vc").parameters.vCenter, .host("vc"))
        XCTAssertEqual(ESXURIParameters.VCenter.managingServer.description, "*")
        for value in ["", "a%20b", "a/b", "%09"] {
            let decoded = try XCTUnwrap(value.removingPercentEncoding)
            assertParameterError("esx://h/?vcenter=\(value)", name: "vcenter", value: decoded)
        }
        let vpx = try parse("vpx://vc/dc/cr?vcenter=*")
        XCTAssertEqual(vpx.warnings, [.ignoredParameter(name: "vcenter", reason: "only used with esx:// and gsx://")])
    }

    // MARK: Proxy

    func testProxyValues() throws {
        let vectors: [(String, ESXProxy.Kind, String, Int)] = [
            ("proxy.example.com", .http, "proxy.example.com", 1080),
            ("proxy:3128", .http, "proxy", 3128),
            ("http://proxy", .http, "proxy", 1080),
            ("http://proxy:3128", .http, "proxy", 3128),
            ("http://proxy:3128/", .http, "proxy", 3128),
            ("HTTP://proxy", .http, "proxy", 1080),
            ("socks://s", .socks5, "s", 1080),
            ("socks5://s:1", .socks5, "s", 1),
            ("socks4://s:65535", .socks4, "s", 65535),
            ("socks4a://s", .socks4a, "s", 1080),
            ("SOCKS5://s", .socks5, "s", 1080),
            ("10.1.2.3:8080", .http, "10.1.2.3", 8080),
            ("[::1]", .http, "::1", 1080),
            ("socks5://[2001:db8::2]:9050", .socks5, "2001:db8::2", 9050),
        ]
        for (value, kind, host, port) in vectors {
            let proxy = try ESXProxy(parsing: value)
            XCTAssertEqual(proxy.kind, kind, value)
            XCTAssertEqual(proxy.host, host, value)
            XCTAssertEqual(proxy.port, port, value)
            XCTAssertEqual(try parse("esx://h/?proxy=\(value)").parameters.proxy, proxy, value)
        }
    }

    func testRejectedProxyValues() {
        let vectors: [(String, String)] = [
            ("", "empty"),
            ("http://", "empty"),
            ("socks://", "empty"),
            (":3128", "empty"),
            ("http://:3128", "empty"),
            ("ftp://p", "unknown proxy type 'ftp'"),
            ("socks6://p", "unknown proxy type 'socks6'"),
            ("://p", "unknown proxy type ''"),
            ("p:0", "port"),
            ("p:65536", "port"),
            ("p:", "port"),
            ("p:abc", "port"),
            ("p:-1", "port"),
            ("p:80:81", "port"),
            ("[::1]:0", "port"),
            ("p/x", "host"),
            ("user@p", "credentials"),
            ("[::1", "host"),
            ("[zz]:80", "host"),
            ("p q", "host"),
        ]
        for (value, reasonPart) in vectors {
            XCTAssertThrowsError(try ESXProxy(parsing: value), value) { error in
                guard case let .invalidParameter("proxy", actual, reason)? = error as? URIError else {
                    return XCTFail("\(value): unexpected \(error)")
                }
                XCTAssertEqual(actual, value)
                XCTAssertTrue(reason.contains(reasonPart), "\(value): \(reason)")
            }
        }
        XCTAssertThrowsError(try ESXProxy(kind: .socks5, host: "", port: 1))
        XCTAssertThrowsError(try ESXProxy(kind: .http, host: "p", port: 70_000))
    }

    func testProxyDescription() throws {
        XCTAssertEqual(try ESXProxy(parsing: "p").description, "http://p:1080")
        XCTAssertEqual(try ESXProxy(parsing: "socks://p:5").description, "socks5://p:5")
        XCTAssertEqual(try ESXProxy(parsing: "socks4a://[::1]").description, "socks4a://[::1]:1080")
        for kind in ESXProxy.Kind.allCases {
            let proxy = try ESXProxy(kind: kind, host: "h.example", port: 42)
            XCTAssertEqual(try ESXProxy(parsing: proxy.description), proxy)
        }
    }

    // MARK: Warnings and formatting

    func testWarningsInOrderOfAppearance() throws {
        let uri = try parse("gsx://host/x?foo=1&vcenter=*&bar#frag")
        XCTAssertEqual(uri.warnings, [
            .ignoredPath("/x"), .unknownParameter(name: "foo"), .unknownParameter(name: "bar"), .ignoredFragment("frag"),
        ])
        for warning in uri.warnings { XCTAssertFalse(warning.description.isEmpty) }
    }

    func testDescription() throws {
        let vectors: [(String, String)] = [
            ("esx://host", "esx://host/"),
            ("ESX://root@Host:444/ignored?No_Verify=1&foo=bar&transport=https", "esx://root@Host:444/?no_verify=1"),
            ("esx://root:secret@host/", "esx://root@host/"),
            ("esx://DOMAIN%5cuser@host/", "esx://DOMAIN%5Cuser@host/"),
            ("esx://[::1]:8443/?transport=http", "esx://[::1]:8443/?transport=http"),
            ("gsx://h/?auto_answer=1&no_verify=1", "gsx://h/?no_verify=1&auto_answer=1"),
            ("esx://h/?vcenter=*&proxy=socks://p", "esx://h/?vcenter=*&proxy=socks5://p:1080"),
            ("esx://h/?proxy=[::1]:3", "esx://h/?proxy=http://%5B::1%5D:3"),
            ("vpx://vc/My%20Folder/dc/a%2fb", "vpx://vc/My%20Folder/dc/a%2Fb"),
            ("vpx://vc/M%C3%BCnchen/cr/", "vpx://vc/M%C3%BCnchen/cr"),
        ]
        for (text, description) in vectors {
            XCTAssertEqual(try parse(text).description, description, text)
        }
    }

    func testDescriptionRoundTrips() throws {
        for text in [
            "esx://host/",
            "esx://root@host:444/?transport=http&no_verify=1",
            "esx://a%40b@[2001:db8::1]:443/?vcenter=vc.example.com&auto_answer=1",
            "gsx://h/?proxy=socks4a://p:7",
            "vpx://administrator%40vsphere.local@vc/Folder%20A/dc/cluster/esx1?transport=http&proxy=http://p:3128",
            "vpx://vc/Rechenzentrum%20M%C3%BCnchen/a%2Fb%25c/cr",
        ] {
            let uri = try parse(text)
            XCTAssertEqual(uri.description, text)
            XCTAssertEqual(try parse(uri.description), uri)
        }
    }

    func testPasswordNeverPrinted() throws {
        let uri = try parse("esx://root:s3cr3t@host/?no_verify=1")
        XCTAssertEqual(uri.password, "s3cr3t")
        XCTAssertFalse(uri.description.contains("s3cr3t"))
        XCTAssertFalse(uri.debugDescription.contains("s3cr3t"))
        XCTAssertFalse(String(describing: uri).contains("s3cr3t"))
        XCTAssertFalse(String(reflecting: uri).contains("s3cr3t"))
        var dumped = ""
        dump(uri, to: &dumped)
        XCTAssertFalse(dumped.contains("s3cr3t"))
        XCTAssertThrowsError(try ESXURI(parsing: "esx://root:s3cr3t@host:99999/")) { error in
            XCTAssertFalse(String(describing: error).contains("s3cr3t"))
        }
    }

    func testErrorDescriptions() {
        XCTAssertEqual(
            URIError.invalidParameter(name: "transport", value: "ftp", reason: "expected 'http' or 'https'").description,
            "invalid value 'ftp' for query parameter 'transport': expected 'http' or 'https'"
        )
        XCTAssertEqual(URIError.unsupportedScheme("ftp").description, "unsupported URI scheme 'ftp' (expected esx, gsx or vpx)")
        XCTAssertEqual(URIError.invalidPort("0").description, "invalid port '0' in URI (expected 1...65535)")
        XCTAssertEqual(URIError.missingHost.description, "the URI has no host")
    }
}
