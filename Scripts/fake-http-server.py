#!/usr/bin/env python3
"""Loopback HTTP/1.1 test server for the transport tests (python3 stdlib only).

Listens on 127.0.0.1 with ephemeral ports and prints three lines on stdout:
the HTTP port, the port of a SOCKS4/4a/5 relay (CONNECT only), and a black-hole port that
listens but never accepts (connects succeed, nothing is ever read or answered). Exits when
stdin closes, so it never outlives the test process that started it.

Options: --tls CERT KEY   serve https instead of http.

Every response carries
  X-Remote-Port         the client connection's port (equal ports = a reused connection)
  X-Connection-Request  how many requests this connection has served, this one included
  X-Server-Request      how many requests the server has received, this one included
  X-Method              the request method
  X-Via-Socks           "1" when the connection came through the SOCKS relay
Endpoints (query parameters in brackets):
  /echo                      the request body, with the request's Content-Type
  /headers                   JSON {"method", "path", "headers": [[name, value], ...], "body_length"}
  /status [code, location]   that status, optional Location, body "status <code>"
  /cookie                    two Set-Cookie headers
  /big [n, chunked]          n bytes of "x" (with Content-Length, or chunked when chunked=1)
  /delay [s]                 waits s seconds; X-Active = requests in /delay at arrival, this one included
  /interim                   a 100 Continue with header X-Interim first, then 200
  /gzip                      "compressed hello " * 1000, gzip-encoded when the client accepts gzip
  /close                     200 with Connection: close
  /silent                    reads the request, never answers; returns when the client hangs up
  /trickle [n, interval]     Content-Length n, then one "x" every interval seconds (default 1)
  /short [length, send, close]  Content-Length length, only send bytes; then close=1 closes the
                             connection (FIN), otherwise stays silent until the client hangs up
  /reset [send]              Content-Length 1000, send bytes (default 10), then a TCP reset (RST)
  absolute URI (proxy use)   200, X-Proxied: 1, body = the URI
"""

import gzip
import json
import socket
import ssl
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

lock = threading.Lock()
active_delays = 0
requests_received = 0  # by all connections
relay_ports = set()  # local ports of the SOCKS relay's outgoing connections


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-http-server"

    def log_message(self, fmt, *args):
        pass

    def setup(self):
        super().setup()
        self.served = 0

    def do_GET(self):
        self.handle_any()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    def do_HEAD(self):
        self.handle_any(head=True)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def reply(self, status, body=b"", headers=(), head=False, content_length=True):
        self.send_response(status)
        port = self.client_address[1]
        self.send_header("X-Remote-Port", str(port))
        self.send_header("X-Connection-Request", str(self.served))
        self.send_header("X-Server-Request", str(self.received))
        self.send_header("X-Method", self.command)
        with lock:
            via = port in relay_ports
        self.send_header("X-Via-Socks", "1" if via else "0")
        for name, value in headers:
            self.send_header(name, value)
        if content_length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def handle_any(self, head=False):
        global active_delays, requests_received
        self.served += 1
        with lock:
            requests_received += 1
            self.received = requests_received
        body = self.read_body()
        if self.path.startswith("http://") or self.path.startswith("https://"):
            return self.reply(200, self.path.encode(), [("X-Proxied", "1")], head)
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        path = parts.path
        if path == "/echo":
            ctype = self.headers.get("Content-Type")
            return self.reply(200, body, [("Content-Type", ctype)] if ctype else [], head)
        if path == "/headers":
            info = {
                "method": self.command,
                "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body_length": len(body),
            }
            return self.reply(200, json.dumps(info).encode(), [("Content-Type", "application/json")], head)
        if path == "/status":
            code = int(query.get("code", "200"))
            extra = [("Location", query["location"])] if "location" in query else []
            return self.reply(code, f"status {code}".encode(), extra, head)
        if path == "/cookie":
            return self.reply(200, b"cookie", [
                ("Set-Cookie", 'vmware_soap_session="abc123"; Path=/; HttpOnly; Secure'),
                ("Set-Cookie", "other=1; Path=/"),
            ], head)
        if path == "/big":
            n = int(query.get("n", "0"))
            if query.get("chunked") == "1":
                return self.send_chunked(b"x" * n)
            return self.reply(200, b"x" * n, [], head)
        if path == "/delay":
            with lock:
                active_delays += 1
                active = active_delays
            try:
                time.sleep(float(query.get("s", "1")))
            finally:
                with lock:
                    active_delays -= 1
            return self.reply(200, b"delayed", [("X-Active", str(active))], head)
        if path == "/interim":
            self.wfile.write(b"HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n")
            return self.reply(200, b"final", [("X-Final", "yes")], head)
        if path == "/gzip":
            plain = b"compressed hello " * 1000
            if "gzip" in (self.headers.get("Accept-Encoding") or ""):
                return self.reply(200, gzip.compress(plain), [("Content-Encoding", "gzip")], head)
            return self.reply(200, plain, [], head)
        if path == "/close":
            self.close_connection = True
            return self.reply(200, b"bye", [("Connection", "close")], head)
        if path == "/silent":
            return self.wait_for_hangup()
        if path == "/trickle":
            return self.trickle(int(query.get("n", "100")), float(query.get("interval", "1")))
        if path == "/short":
            self.send_partial(int(query.get("length", "1000")), int(query.get("send", "10")))
            if query.get("close") == "1":
                self.close_connection = True
                return None
            return self.wait_for_hangup()
        if path == "/reset":
            self.send_partial(1000, int(query.get("send", "10")))
            time.sleep(0.2)  # let the client read the partial body first
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()  # the socket closes only once its file objects are closed
            self.connection.close()
            self.close_connection = True
            return None
        return self.reply(404, b"not found", [], head)

    def send_partial(self, length, count):
        """Headers promising `length` body bytes, then only `count` of them."""
        self.send_response(200)
        self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(b"x" * count)
        self.wfile.flush()

    def trickle(self, n, interval):
        self.send_response(200)
        self.send_header("Content-Length", str(n))
        self.end_headers()
        self.wfile.flush()
        try:
            for _ in range(n):
                time.sleep(interval)
                self.wfile.write(b"x")
                self.wfile.flush()
        except OSError:
            pass
        self.close_connection = True

    def wait_for_hangup(self, limit=300):
        """Answers nothing; returns once the client closes the connection (or after `limit` s)."""
        self.close_connection = True
        self.connection.settimeout(0.2)
        end = time.time() + limit
        while time.time() < end:
            try:
                if not self.connection.recv(4096):
                    return
            except socket.timeout:
                continue
            except OSError:
                return

    def send_chunked(self, data):
        self.send_response(200)
        self.send_header("X-Remote-Port", str(self.client_address[1]))
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        step = 64 * 1024
        for i in range(0, len(data), step):
            chunk = data[i:i + step]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request, client_address):
        pass  # clients that hang up (cancelled, timed out) are expected


# MARK: SOCKS relay (CONNECT only; SOCKS4, SOCKS4a, SOCKS5 without authentication)

def recv_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("short read")
        data += chunk
    return data


def recv_until_nul(sock):
    data = b""
    while True:
        c = recv_exact(sock, 1)
        if c == b"\0":
            return data
        data += c


def resolve(host):
    # Names ending in .invalid (and localhost) reach this machine, so tests can see who resolved them.
    if host.endswith(".invalid") or host == "localhost":
        return "127.0.0.1"
    return host


def socks_session(client):
    try:
        version = recv_exact(client, 1)[0]
        if version == 4:
            cmd, port = struct.unpack("!BH", recv_exact(client, 3))
            ip = socket.inet_ntoa(recv_exact(client, 4))
            recv_until_nul(client)  # user id
            if ip.startswith("0.0.0.") and ip != "0.0.0.0":  # SOCKS4a: a host name follows
                ip = resolve(recv_until_nul(client).decode())
            upstream = open_upstream(ip, port)
            if cmd != 1 or upstream is None:
                client.sendall(b"\0\x5b" + b"\0" * 6)
                return
            client.sendall(b"\0\x5a" + b"\0" * 6)
        elif version == 5:
            nmethods = recv_exact(client, 1)[0]
            recv_exact(client, nmethods)
            client.sendall(b"\x05\x00")
            _, cmd, _, atyp = recv_exact(client, 4)
            if atyp == 1:
                host = socket.inet_ntoa(recv_exact(client, 4))
            elif atyp == 3:
                host = resolve(recv_exact(client, recv_exact(client, 1)[0]).decode())
            else:
                client.sendall(b"\x05\x08\x00\x01" + b"\0" * 6)
                return
            port = struct.unpack("!H", recv_exact(client, 2))[0]
            upstream = open_upstream(host, port)
            if cmd != 1 or upstream is None:
                client.sendall(b"\x05\x05\x00\x01" + b"\0" * 6)
                return
            client.sendall(b"\x05\x00\x00\x01" + b"\0" * 6)
        else:
            return
        pump = threading.Thread(target=copy, args=(upstream, client), daemon=True)
        pump.start()
        copy(client, upstream)
        pump.join()
    except (OSError, ConnectionError):
        pass
    finally:
        client.close()


def open_upstream(host, port):
    try:
        upstream = socket.create_connection((host, port), timeout=5)
    except OSError:
        return None
    upstream.settimeout(None)
    with lock:
        relay_ports.add(upstream.getsockname()[1])
    return upstream


def copy(source, target):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            target.sendall(data)
    except OSError:
        pass
    finally:
        try:
            target.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def socks_server(listener):
    while True:
        client, _ = listener.accept()
        threading.Thread(target=socks_session, args=(client,), daemon=True).start()


def main():
    args = sys.argv[1:]
    server = Server(("127.0.0.1", 0), Handler)
    if len(args) == 3 and args[0] == "--tls":
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args[1], args[2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    elif args:
        sys.exit("usage: fake-http-server.py [--tls CERT KEY]")
    socks = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    socks.bind(("127.0.0.1", 0))
    socks.listen(64)
    black_hole = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    black_hole.bind(("127.0.0.1", 0))
    black_hole.listen(64)  # never accepted: the kernel completes handshakes, nobody reads
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=socks_server, args=(socks,), daemon=True).start()
    print(server.server_address[1], flush=True)
    print(socks.getsockname()[1], flush=True)
    print(black_hole.getsockname()[1], flush=True)
    sys.stdin.read()  # returns when the parent closes stdin or exits


if __name__ == "__main__":
    main()
