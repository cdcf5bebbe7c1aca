import CCurl

// libcurl callbacks. `userdata` is an unretained `CurlTransferState` (see CurlEasyHandle+Perform).

/// CURLOPT_WRITEFUNCTION: body bytes. Returning less than given aborts (CURLE_WRITE_ERROR).
func curlWriteBody(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?
) -> Int {
    let total = size * count
    guard let data, let userdata, total > 0 else { return total }
    let state = Unmanaged<CurlTransferState>.fromOpaque(userdata).takeUnretainedValue()
    return state.receiveBody(UnsafeRawBufferPointer(start: data, count: total)) ? total : 0
}

/// CURLOPT_HEADERFUNCTION: one complete header line per call.
func curlWriteHeader(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?
) -> Int {
    let total = size * count
    guard let data, let userdata, total > 0 else { return total }
    let state = Unmanaged<CurlTransferState>.fromOpaque(userdata).takeUnretainedValue()
    return state.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: total)) ? total : 0
}

/// CURLOPT_XFERINFOFUNCTION: called at least about once a second; non-zero aborts the transfer
/// (CURLE_ABORTED_BY_CALLBACK).
func curlTransferProgress(
    _ userdata: UnsafeMutableRawPointer?, _ dlTotal: curl_off_t, _ dlNow: curl_off_t,
    _ ulTotal: curl_off_t, _ ulNow: curl_off_t
) -> Int32 {
    guard let userdata else { return 0 }
    let state = Unmanaged<CurlTransferState>.fromOpaque(userdata).takeUnretainedValue()
    if state.isCancelled { return 1 }
    state.reportProgress(downloadTotal: Int64(dlTotal))
    return 0
}

/// `CURL_READFUNC_ABORT`: a read callback's way to abort the transfer.
let curlReadFunctionAbort = 0x1000_0000

/// CURLOPT_READFUNCTION: the next request body bytes of a streamed upload; 0 at the end.
func curlReadBody(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let userdata else { return curlReadFunctionAbort }
    let state = Unmanaged<CurlTransferState>.fromOpaque(userdata).takeUnretainedValue()
    if state.isCancelled { return curlReadFunctionAbort }
    return state.readBody(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
        ?? curlReadFunctionAbort
}
