import CCurl
import Synchronization

/// The sockets libcurl opened for one easy handle, so cancelling a transfer can wake it at once:
/// `shutdown(2)` makes libcurl's wait return, where the progress callback alone may take up to
/// a second. Sockets are opened and closed here under the same lock as the shutdown, so a file
/// descriptor is never shut down after the system reused it.
final class CurlSocketRegistry: Sendable {
    private struct State {
        var sockets: Set<curl_socket_t> = []
        /// The transfer running on the handle, if any.
        var active: ObjectIdentifier?
        /// The active transfer was interrupted: refuse new sockets for it.
        var interrupted = false
    }

    private let state = Mutex(State())

    /// Marks `transfer` as the one running on this handle.
    func begin(_ transfer: CurlTransferState) {
        state.withLock {
            $0.active = ObjectIdentifier(transfer)
            $0.interrupted = false
        }
    }

    func end() {
        state.withLock {
            $0.active = nil
            $0.interrupted = false
        }
    }

    /// Shuts the handle's sockets down if `transfer` is still the one running on it.
    func interrupt(_ transfer: CurlTransferState) {
        state.withLock {
            guard $0.active == ObjectIdentifier(transfer) else { return }
            $0.interrupted = true
            for socket in $0.sockets { vi_socket_interrupt(socket) }
        }
    }

    func open(family: Int32, type: Int32, protocol: Int32) -> curl_socket_t {
        state.withLock {
            if $0.interrupted { return vi_curl_socket_bad() }
            let socket = vi_socket_open(family, type, `protocol`)
            if socket != vi_curl_socket_bad() { $0.sockets.insert(socket) }
            return socket
        }
    }

    func close(_ socket: curl_socket_t) -> Int32 {
        state.withLock {
            $0.sockets.remove(socket)
            return vi_socket_close(socket)
        }
    }
}

/// CURLOPT_OPENSOCKETFUNCTION; `clientp` is the handle's unretained registry.
func curlOpenSocket(
    _ clientp: UnsafeMutableRawPointer?, _ purpose: curlsocktype, _ address: UnsafeMutablePointer<curl_sockaddr>?
) -> curl_socket_t {
    guard let clientp, let address else { return vi_curl_socket_bad() }
    let registry = Unmanaged<CurlSocketRegistry>.fromOpaque(clientp).takeUnretainedValue()
    let a = address.pointee
    return registry.open(family: a.family, type: a.socktype, protocol: a.protocol)
}

/// CURLOPT_CLOSESOCKETFUNCTION; `clientp` is the handle's unretained registry.
func curlCloseSocket(_ clientp: UnsafeMutableRawPointer?, _ socket: curl_socket_t) -> Int32 {
    guard let clientp else { return vi_socket_close(socket) }
    let registry = Unmanaged<CurlSocketRegistry>.fromOpaque(clientp).takeUnretainedValue()
    return registry.close(socket)
}
