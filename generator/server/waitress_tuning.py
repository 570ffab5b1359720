"""Waitress with one change to its main loop: a connection whose response a worker thread
is still sending is not polled for writing.

Why: Waitress's worker writes a response and sends it itself, holding the connection's
output lock (`HTTPChannel.write_soon`). For the moment between the send and the worker
getting the GIL back, the output buffer still counts the bytes, so `writable()` is true;
the socket is writable, so `select` returns at once; `handle_write` cannot take the lock
and does nothing; and the main loop goes over every connection again, holding the GIL
the worker waits for. Under load that was most of the main loop's passes (BENCHMARKS.md,
"Answer server"). Here a connection is writable while a task runs only when the worker
left bytes unsent (the socket was full: a large response or a slow client); the worker
pulls the trigger then, and the loop sends the rest as the client reads. Without a task
(keep-alive between requests, closing) everything is as in Waitress."""

from __future__ import annotations

from waitress import create_server as waitress_create_server
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer


class WorkerSendsChannel(HTTPChannel):
    """An HTTP connection the main loop leaves alone while its worker is sending."""

    # set after every flush, by whichever thread flushed: bytes are left for the loop
    left_unsent = False

    def writable(self) -> bool:
        if self.will_close or self.close_when_flushed:
            return True
        if not self.total_outbufs_len:
            return False
        # a running task sends what it writes (under the output lock) and says when it
        # could not send it all; without a task the loop sends, as in Waitress
        return not self.requests or self.left_unsent

    def _flush_some(self, do_close: bool = True) -> bool:
        try:
            return super()._flush_some(do_close=do_close)
        finally:
            self.left_unsent = self.total_outbufs_len > 0


def create_server(app, **settings):
    """`waitress.create_server` with `WorkerSendsChannel` for every listening socket."""
    server = waitress_create_server(app, **settings)
    listening = getattr(server, "map", None) or server._map
    for dispatcher in listening.values():
        if isinstance(dispatcher, BaseWSGIServer):
            dispatcher.channel_class = WorkerSendsChannel
    return server
