#!/usr/bin/env python3
"""A fake vSphere endpoint that replays recorded simulator conversations, with scripted faults
(python3 stdlib only). Used by Tests/ESXTests/FaultInjection.

Replay:  fake-vsphere-server.py --replay CONVERSATION.json [--faults JSON]
    Listens on 127.0.0.1 (ephemeral port) and prints the port on stdout. Each POST /sdk is
    answered with the recorded exchange of the same operation whose request matches (whitespace
    and the Login password ignored); else, except for RetrievePropertiesEx (an unrecorded query
    finds nothing), the first one with the same `_this`; else a SOAP fault.
    A WaitForUpdatesEx whose recorded answer is empty is held up to its maxWaitSeconds (at most
    5 s) like a server with nothing to report; CancelWaitForUpdates ends held waits with a
    RequestCanceled fault. Login answers set a vmware_soap_session cookie.
    Standard input: the line "stats" prints one JSON line {"requests": N, "ops": {op: count},
    "answered": {op: count answered without a fault}, "sequence": [op, ...]}; end of input stops
    the server.

Record:  fake-vsphere-server.py --record CONVERSATION.json --upstream http://HOST:PORT/sdk
    A proxy that forwards every request and appends the exchange to the file (Login passwords
    replaced with "***"). Scripts/record-conversations.sh drives it against the simulator.

Faults: a JSON list of rules; the first rule that matches a request decides its answer.
  Which requests:  "op": operation name or "*" (default), "not": [ops never matched],
                   "after": [op, n]: only once op was requested more than n times,
                   "at": the N-th request of all (1-based), "nth": the N-th matching request,
                   "from": the N-th matching request and all later ones; none of them: all.
  "action":
    fault        500 with a SOAP fault: "type" (default NotAuthenticated), "message"
    silent       reads the request, never answers
    slow         Content-Length of the recorded answer, then one byte every "interval" s
    short        Content-Length + 1000, only the first "send" (default 100) bytes, then FIN
    reset        Content-Length + 1000, "send" bytes, then a TCP reset
    html500      500 with an HTML page;   html200: 200 with an HTML page
    redirect     302 to "location" (default http://127.0.0.1:1/elsewhere)
    empty        the operation's empty answer at once (e.g. WaitForUpdatesEx with no update set)
    big          200 with "bytes" bytes (default 300 MB), chunked when "chunked" is true
    replace      the recorded answer with each [old, new] of "subs" replaced (new may hold
                 XML character references)
"""

import json
import re
import socket
import struct
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ENVELOPE_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope '
    'xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" '
    'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>')
ENVELOPE_TAIL = "</soapenv:Body></soapenv:Envelope>"
HTML = b"<html><head><title>503 Service Unavailable</title></head><body>proxy error</body></html>"
OP_PATTERN = re.compile(rb"<(?:[\w-]+:)?Body[^>]*>\s*<(?:[\w-]+:)?([\w]+)")
THIS_PATTERN = re.compile(r"<_this[^>]*>([^<]*)</_this>")
PASSWORD_PATTERN = re.compile(r"<password>[^<]*</password>")
MAX_WAIT_PATTERN = re.compile(r"<maxWaitSeconds>(\d+)</maxWaitSeconds>")

lock = threading.Lock()
cancelled = threading.Condition(lock)
stats = {"requests": 0, "ops": {}, "answered": {}, "sequence": []}
cancel_generation = 0


def operation(body):
    match = OP_PATTERN.search(body)
    return match.group(1).decode() if match else ""


def normalize(text):
    text = PASSWORD_PATTERN.sub("<password>***</password>", text)
    return re.sub(r">\s+<", "><", text).strip()


def fault_envelope(type_name, message):
    extra = ""
    if type_name in ("NotAuthenticated", "NoPermission"):
        extra = '<object type="Folder">ha-folder-root</object><privilegeId>System.View</privilegeId>'
    body = (
        f"<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>{message}</faultstring>"
        f'<detail><{type_name}Fault xmlns="urn:vim25" xsi:type="{type_name}">{extra}</{type_name}Fault>'
        "</detail></soapenv:Fault>")
    return (ENVELOPE_HEAD + body + ENVELOPE_TAIL).encode()


def empty_answer(op):
    return (ENVELOPE_HEAD + f'<{op}Response xmlns="urn:vim25"></{op}Response>' + ENVELOPE_TAIL).encode()


class Rule:
    def __init__(self, spec):
        self.spec = spec
        self.seen = 0

    def matches(self, op, number):
        spec = self.spec
        if spec.get("op", "*") not in ("*", op) or op in spec.get("not", []):
            return False
        if "after" in spec:
            after_op, count = spec["after"]
            if stats["ops"].get(after_op, 0) <= count:
                return False
        self.seen += 1
        if "at" in spec:
            return number == spec["at"]
        if "nth" in spec:
            return self.seen == spec["nth"]
        if "from" in spec:
            return self.seen >= spec["from"]
        return True


class Replay:
    def __init__(self, path, faults):
        with open(path) as f:
            self.exchanges = json.load(f)
        for exchange in self.exchanges:
            exchange["key"] = normalize(exchange["request"])
            match = THIS_PATTERN.search(exchange["request"])
            exchange["this"] = match.group(1) if match else None
        self.rules = [Rule(spec) for spec in faults]

    def find(self, op, request):
        key = normalize(request)
        candidates = [e for e in self.exchanges if e["op"] == op]
        for exchange in candidates:
            if exchange["key"] == key:
                return exchange
        if op == "RetrievePropertiesEx":
            return None  # an unrecorded query finds nothing
        match = THIS_PATTERN.search(request)
        this = match.group(1) if match else None
        for exchange in candidates:
            if exchange["this"] == this:
                return exchange
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-vsphere-server"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        self.send(404, b"not found", "text/plain")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        op = operation(body)
        if self.server.upstream:
            return self.record(op, body)
        with lock:
            stats["requests"] += 1
            number = stats["requests"]
            stats["ops"][op] = stats["ops"].get(op, 0) + 1
            stats["sequence"].append(op)
            replay = self.server.replay
            matched = [r for r in replay.rules if r.matches(op, number)]  # every rule counts the request
            rule = matched[0] if matched else None
            if rule is None:
                stats["answered"][op] = stats["answered"].get(op, 0) + 1
        text = body.decode("utf-8", "replace")
        exchange = replay.find(op, text)
        if rule is not None:
            return self.inject(rule.spec, op, exchange)
        if op == "CancelWaitForUpdates":
            global cancel_generation
            with lock:
                cancel_generation += 1
                cancelled.notify_all()
        if exchange is None and op == "RetrievePropertiesEx":
            return self.send(200, empty_answer(op))
        if exchange is None:
            return self.send(500, fault_envelope("SystemError", f"no recording for {op}"))
        answer = exchange["response"].encode()
        if op == "WaitForUpdatesEx" and b"<returnval>" not in answer:
            return self.hold_wait(text)
        self.send(exchange["status"], answer, cookie=(op == "Login"))

    def hold_wait(self, text):
        """A poll with nothing to report: answered after maxWaitSeconds or a cancel."""
        match = MAX_WAIT_PATTERN.search(text)
        seconds = min(int(match.group(1)) if match else 5, 5)
        with lock:
            start = cancel_generation
            cancelled.wait_for(lambda: cancel_generation != start, timeout=seconds)
            was_cancelled = cancel_generation != start
        if was_cancelled:
            return self.send(500, fault_envelope("RequestCanceled", "The task was canceled by a user."))
        self.send(200, empty_answer("WaitForUpdatesEx"))

    def inject(self, spec, op, exchange):
        action = spec.get("action", "fault")
        answer = exchange["response"].encode() if exchange else empty_answer(op)
        if action == "fault":
            message = spec.get("message", "The session is not authenticated.")
            return self.send(500, fault_envelope(spec.get("type", "NotAuthenticated"), message))
        if action == "silent":
            return self.wait_for_hangup()
        if action == "slow":
            return self.trickle(answer, float(spec.get("interval", 1)))
        if action in ("short", "reset"):
            return self.partial(answer, int(spec.get("send", 100)), reset=(action == "reset"))
        if action == "html500":
            return self.send(500, HTML, "text/html")
        if action == "html200":
            return self.send(200, HTML, "text/html")
        if action == "redirect":
            location = spec.get("location", "http://127.0.0.1:1/elsewhere")
            return self.send(302, b"moved", "text/plain", headers=[("Location", location)])
        if action == "empty":
            return self.send(200, empty_answer(op))
        if action == "big":
            return self.big(int(spec.get("bytes", 300 * 1000 * 1000)), bool(spec.get("chunked")))
        if action == "replace":
            text = answer.decode()
            for old, new in spec.get("subs", []):
                text = text.replace(old, new)
            return self.send(200, text.encode(), cookie=(op == "Login"))
        return self.send(500, fault_envelope("SystemError", f"unknown action {action}"))

    def send(self, status, body, ctype="text/xml; charset=utf-8", cookie=False, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if cookie:
            with lock:
                n = stats["ops"].get("Login", 0)
            self.send_header("Set-Cookie", f'vmware_soap_session="fake-session-{n}"; Path=/; HttpOnly')
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def partial(self, answer, count, reset):
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(answer) + 1000))
        self.end_headers()
        self.wfile.write(answer[:count])
        self.wfile.flush()
        self.close_connection = True
        if reset:
            time.sleep(0.2)  # let the client read the partial body first
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()
            self.connection.close()

    def trickle(self, answer, interval):
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.close_connection = True
        try:
            for i in range(len(answer)):
                self.wfile.write(answer[i:i + 1])
                self.wfile.flush()
                time.sleep(interval)
        except OSError:
            pass

    def big(self, size, chunked):
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        self.close_connection = True
        block = b"x" * (1 << 20)
        sent = 0
        try:
            while sent < size:
                piece = block[:min(len(block), size - sent)]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
                sent += len(piece)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass

    def wait_for_hangup(self, limit=300):
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

    def record(self, op, body):
        request = urllib.request.Request(self.server.upstream, data=body, method="POST")
        for name in ("Content-Type", "SOAPAction", "Cookie"):
            if self.headers.get(name):
                request.add_header(name, self.headers[name])
        try:
            with urllib.request.urlopen(request) as response:
                status, answer, cookie = response.status, response.read(), response.headers.get("Set-Cookie")
        except urllib.error.HTTPError as error:
            status, answer, cookie = error.code, error.read(), None
        with lock:
            self.server.recorded.append({
                "op": op, "request": normalize(body.decode()), "status": status, "response": answer.decode()})
            with open(self.server.record_path, "w") as f:
                json.dump(self.server.recorded, f, indent=1)
                f.write("\n")
        headers = [("Set-Cookie", cookie)] if cookie else []
        self.send(status, answer, headers=headers)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request, client_address):
        pass  # clients that hang up (cancelled, timed out) are expected


def main():
    args = sys.argv[1:]
    options = dict(zip(args[::2], args[1::2]))
    server = Server(("127.0.0.1", 0), Handler)
    server.upstream = options.get("--upstream")
    if server.upstream:
        server.record_path = options["--record"]
        server.recorded = []
    elif "--replay" in options:
        server.replay = Replay(options["--replay"], json.loads(options.get("--faults", "[]")))
    else:
        sys.exit("usage: fake-vsphere-server.py --replay FILE [--faults JSON] | --record FILE --upstream URL")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    for line in sys.stdin:
        if line.strip() == "stats":
            with lock:
                print(json.dumps(stats), flush=True)


if __name__ == "__main__":
    main()
