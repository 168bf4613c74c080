"""Helper of bench/portal.py (not a benchmark itself): a pre-forking, multi-threaded stdlib WSGI server.

gunicorn is not a dependency of the project, so the benchmark serves the real Django WSGI application with
the standard library only: one listening socket, ``--processes`` forked worker processes (use one per core, as
gunicorn's sync workers would), each running ``--threads`` threads that accept and handle connections
(wsgiref's HTTP/1.0 handler: one request per connection). Every thread keeps its own persistent database
connection (CONN_MAX_AGE). The module is also the URLconf of the benchmark: the project's URLs plus a trivial
view, so the baseline runs on the same server, settings and middleware.

    python bench/portal_server.py --serve --port 8765 --processes 2 --threads 4
"""

import argparse
import os
import signal
import socket
import sys
import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


if __name__ != "__main__":  # imported as the URLconf inside a worker, after django.setup()
    urlpatterns = [path("bench/trivial/", trivial), path("", include("gongkai.urls"))]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


class SharedSocketServer(WSGIServer):
    """A WSGIServer around an already bound and listening socket (inherited across fork)."""

    def __init__(self, sock):
        super().__init__(sock.getsockname(), QuietHandler, bind_and_activate=False)
        self.socket.close()
        self.socket = sock
        host, port = sock.getsockname()[:2]
        self.server_name, self.server_port = socket.getfqdn(host), port
        self.setup_environ()


def _worker(sock, threads: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    settings.ROOT_URLCONF = "portal_server"
    server = SharedSocketServer(sock)
    server.set_app(get_wsgi_application())

    def loop():
        while True:
            try:
                conn, addr = sock.accept()
            except OSError:
                return
            try:
                server.process_request(conn, addr)  # synchronous: finish_request + shutdown_request
            except Exception:  # noqa: BLE001 - one bad connection must not kill the thread
                server.shutdown_request(conn)

    pool = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    os._exit(0)


def serve(port: int, processes: int, threads: int) -> None:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(256)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    children = []
    for _ in range(processes):
        pid = os.fork()
        if pid == 0:
            _worker(sock, threads)
        children.append(pid)
    port = sock.getsockname()[1]
    print(f"serving on 127.0.0.1:{port} with {processes} processes x {threads} threads", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    for pid in children:
        os.kill(pid, signal.SIGTERM)
    for pid in children:
        os.waitpid(pid, 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--port", type=int, default=0, help="0 = any free port")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if not args.serve:
        print("bench/portal_server.py is a helper of bench/portal.py; run that instead.")
        return
    serve(args.port, args.processes, args.threads)


if __name__ == "__main__":
    main()
