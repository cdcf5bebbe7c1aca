import CCurl

/// Sets options on an easy handle and remembers the first failure.
struct CurlOptionSetter {
    let handle: UnsafeMutableRawPointer
    private(set) var firstFailure: CURLcode?

    init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
    }

    mutating func check(_ code: CURLcode) {
        if code != CURLE_OK && firstFailure == nil { firstFailure = code }
    }

    mutating func long(_ option: CURLoption, _ value: Int) {
        check(vi_curl_easy_setopt_long(handle, option, value))
    }

    mutating func offset(_ option: CURLoption, _ value: curl_off_t) {
        check(vi_curl_easy_setopt_off_t(handle, option, value))
    }

    mutating func pointer(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) {
        check(vi_curl_easy_setopt_ptr(handle, option, value))
    }

    /// libcurl copies string options (CURLOPT_POSTFIELDS is set through ``pointer(_:_:)``).
    mutating func string(_ option: CURLoption, _ value: String) {
        let code = value.withCString { vi_curl_easy_setopt_string(handle, option, $0) }
        check(code)
    }
}

/// A `curl_slist` of header lines, freed by the owner after the transfer.
struct CurlHeaderList {
    private(set) var head: UnsafeMutablePointer<curl_slist>?
    private(set) var failed = false

    mutating func append(_ line: String) {
        guard !failed else { return }
        guard let next = line.withCString({ curl_slist_append(head, $0) }) else {
            failed = true
            return
        }
        head = next
    }

    mutating func free() {
        curl_slist_free_all(head)
        head = nil
    }
}
