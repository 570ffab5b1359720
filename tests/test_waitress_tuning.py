"""Waitress with WorkerSendsChannel (generator/server/waitress_tuning.py), for real on
127.0.0.1: keep-alive, pipelining, large responses, slow clients, and a loop that waits
Waitress's own second when nothing wakes it, so that a lost wake-up shows as a stall."""

import hashlib
import http.client
import socket
import time

import pytest
import waitress
from flask import Flask, Response, request

from generator.server.waitress_tuning import WorkerSendsChannel, create_server
from tests.serverkit import waitress_on_loopback

BIG = 8 * 1024 * 1024  # far beyond any socket buffer and Waitress's 1 MB in-memory buffer
CHUNK = 64 * 1024


def chunks(count: int):
    for index in range(count):
        yield bytes([index % 251]) * CHUNK


def expected_digest(count: int) -> str:
    return hashlib.sha256(b"".join(chunks(count))).hexdigest()


@pytest.fixture
def app():
    app = Flask(__name__)

    @app.get("/hello/<int:n>")
    def hello(n: int):
        return f"hello {n}"

    @app.get("/big")
    def big():  # streamed: the worker writes while the client reads
        stream = Response(chunks(BIG // CHUNK), mimetype="application/octet-stream")
        stream.headers["Content-Length"] = str(BIG)  # not chunked: a plain body to count
        return stream

    @app.get("/big-once")
    def big_once():  # one write of everything
        return Response(b"".join(chunks(BIG // CHUNK)), mimetype="application/octet-stream")

    @app.post("/echo")
    def echo():
        return request.get_data()

    return app


# Waitress's default, and a small one: a worker whose output passes it waits until the
# main loop has sent some (the hand-over a forgotten connection would stall)
WATERMARKS = {"default": {}, "small watermark": {"outbuf_high_watermark": 256 * 1024}}


@pytest.fixture(params=sorted(WATERMARKS))
def base(app, request):
    # Waitress's own loop timeout: a connection the loop forgot would wait a second
    with waitress_on_loopback(app, timeout=1.0, threads=4, **WATERMARKS[request.param]) as base:
        yield base


def port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def test_keep_alive_serves_many_requests_on_one_connection_without_stalls(base):
    conn = http.client.HTTPConnection("127.0.0.1", port(base), timeout=10)
    began = time.monotonic()
    for n in range(200):
        conn.request("GET", f"/hello/{n}")
        response = conn.getresponse()
        assert (response.status, response.read()) == (200, f"hello {n}".encode())
    assert time.monotonic() - began < 5  # a lost wake-up costs a second
    conn.close()


def test_pipelined_requests_are_answered_in_order(base):
    with socket.create_connection(("127.0.0.1", port(base)), timeout=10) as sock:
        sock.sendall(
            b"".join(f"GET /hello/{n} HTTP/1.1\r\nHost: x\r\n\r\n".encode() for n in range(5))
            + b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nlast"
        )
        received = b""
        while received.count(b"HTTP/1.1 200") < 6 or not received.endswith(b"last"):
            data = sock.recv(65536)
            assert data, f"connection closed after {received!r}"
            received += data
    bodies = [part.split(b"\r\n\r\n", 1)[1] for part in received.split(b"HTTP/1.1 ")[1:]]
    assert bodies == [f"hello {n}".encode() for n in range(5)] + [b"last"]


@pytest.mark.parametrize("path", ["/big", "/big-once"])
def test_large_responses_arrive_whole(base, path):
    conn = http.client.HTTPConnection("127.0.0.1", port(base), timeout=30)
    conn.request("GET", path)
    body = conn.getresponse().read()
    assert len(body) == BIG
    assert hashlib.sha256(body).hexdigest() == expected_digest(BIG // CHUNK)
    conn.request("GET", "/hello/1")  # and the connection goes on
    assert conn.getresponse().read() == b"hello 1"
    conn.close()


def test_a_slow_client_gets_everything_while_others_are_served(base):
    """A client with a small receive buffer reads a large response slowly: the worker
    fills the socket, leaves the rest to the main loop, which sends it as the client
    reads; meanwhile other connections are answered at once."""
    slow = socket.socket()
    slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 * 1024)
    slow.settimeout(30)
    slow.connect(("127.0.0.1", port(base)))
    slow.sendall(b"GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
    received = bytearray()
    began = time.monotonic()
    quick = http.client.HTTPConnection("127.0.0.1", port(base), timeout=10)
    while time.monotonic() - began < 0.5:  # reading slowly, a bit at a time
        received += slow.recv(4096)
        time.sleep(0.01)
        quick.request("GET", "/hello/2")
        asked = time.monotonic()
        assert quick.getresponse().read() == b"hello 2"
        assert time.monotonic() - asked < 0.5
    while True:  # then as fast as it can
        head, _, body = bytes(received).partition(b"\r\n\r\n")
        if body and len(body) >= BIG:
            break
        data = slow.recv(1 << 20)
        assert data, "connection closed early"
        received += data
    slow.close()
    quick.close()
    assert b"200 OK" in head and len(body) == BIG
    assert hashlib.sha256(body).hexdigest() == expected_digest(BIG // CHUNK)
    assert time.monotonic() - began < 10


def fake_channel(**state) -> WorkerSendsChannel:
    channel = WorkerSendsChannel.__new__(WorkerSendsChannel)  # no socket: writable() only
    channel.requests = []
    channel.__dict__.update(state)
    return channel


def test_the_loop_leaves_a_connection_alone_while_its_worker_sends():
    running = [object()]  # a request whose task is running
    assert not fake_channel(requests=running, total_outbufs_len=421).writable()
    assert fake_channel(requests=running, total_outbufs_len=421, left_unsent=True).writable()
    assert fake_channel(total_outbufs_len=421).writable()  # no task: the loop sends
    assert not fake_channel(total_outbufs_len=0).writable()
    assert fake_channel(requests=running, total_outbufs_len=0, will_close=True).writable()
    assert fake_channel(close_when_flushed=True, total_outbufs_len=0).writable()


def test_every_listening_socket_gets_the_channel(app):
    server = create_server(app, listen="127.0.0.1:0 127.0.0.1:0")
    try:
        listening = [d for d in server.map.values() if hasattr(d, "channel_class")]
        assert len(listening) == 2
        assert {d.channel_class for d in listening} == {WorkerSendsChannel}
    finally:
        for dispatcher in list(server.map.values()):
            dispatcher.close()
    single = waitress.create_server(app, host="127.0.0.1", port=0)  # Waitress unchanged
    assert single.channel_class is not WorkerSendsChannel
    single.close()


def test_workshop_serve_runs_the_tuned_waitress(monkeypatch):
    import generator.cli.serve as serve_module
    from generator.server import waitress_tuning

    made = []

    class Server:
        def run(self):
            made.append("ran")

        def close(self):
            made.append("closed")

    def create(app, **settings):
        made.append(settings)
        return Server()

    monkeypatch.setattr(waitress_tuning, "create_server", create)
    serving = serve_module.Serving(app=object(), host="127.0.0.1", port=8123, phones="", board="")
    serve_module.run(serving)
    assert made == [
        {"host": "127.0.0.1", "port": 8123, "threads": serve_module.THREADS, "ident": "workshop"},
        "ran",
        "closed",
    ]
