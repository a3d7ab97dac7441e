"""The loop's doors to the outside world, each saying plainly that it is closed.

A run has no network, no processes and no signals (the walls around it hold that, whatever
the program does). CPython's loop would reach the operating system here; BaseEventLoop says
only ``NotImplementedError``. A learner who pasted a tutorial's ``open_connection`` reads
why instead, and a program that handles ``OSError`` (as a machine without network raises)
handles this one too.
"""

import errno
import socket

_NETWORK = (
    "Loopscope has no network: {what} cannot be reached from a run. To show a network "
    "wait, await asyncio.sleep(seconds) instead."
)


def _no_network(what):
    return OSError(errno.ENETUNREACH, _NETWORK.format(what=what))


def _no_process(what):
    return NotImplementedError(
        f"Loopscope cannot start processes: {what!r} does not run. To show the wait for one, "
        "await asyncio.sleep(seconds) instead."
    )


def _where(host, port):
    if host is None:
        return "that address"
    return f"{host}:{port}" if port is not None else str(host)


class NoOutside:
    """Mixed into the virtual loop before BaseEventLoop: its network, process and signal
    methods raise with a reason, when awaited as CPython's would fail."""

    __slots__ = ()

    async def getaddrinfo(self, host, port, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, _NETWORK.format(what=f"the name {host!r}"))

    async def getnameinfo(self, sockaddr, flags=0):
        raise socket.gaierror(socket.EAI_NONAME, _NETWORK.format(what=repr(sockaddr)))

    async def create_connection(self, protocol_factory, host=None, port=None, **kwargs):
        raise _no_network(_where(host, port))

    async def create_server(self, protocol_factory, host=None, port=None, **kwargs):
        raise _no_network(f"a server on {_where(host, port)}")

    async def create_datagram_endpoint(
        self, protocol_factory, local_addr=None, remote_addr=None, **kwargs
    ):
        raise _no_network(repr(remote_addr or local_addr))

    async def create_unix_connection(self, protocol_factory, path=None, **kwargs):
        raise _no_network(repr(path))

    async def create_unix_server(self, protocol_factory, path=None, **kwargs):
        raise _no_network(f"a server on {path!r}")

    async def connect_accepted_socket(self, protocol_factory, sock, **kwargs):
        raise _no_network("a socket")

    async def sock_connect(self, sock, address):
        raise _no_network(repr(address))

    async def sock_accept(self, sock):
        raise _no_network("a socket")

    async def sock_recv(self, sock, nbytes):
        raise _no_network("a socket")

    async def sock_sendall(self, sock, data):
        raise _no_network("a socket")

    async def subprocess_exec(self, protocol_factory, program, *args, **kwargs):
        raise _no_process(program)

    async def subprocess_shell(self, protocol_factory, cmd, **kwargs):
        raise _no_process(cmd)

    def add_signal_handler(self, sig, callback, *args):
        raise NotImplementedError(
            "Loopscope runs no signals: nothing can send one to a run, so the handler would "
            "never be called."
        )

    def remove_signal_handler(self, sig):
        return False

    def add_reader(self, fd, callback, *args):
        raise NotImplementedError("Loopscope watches no files or sockets (add_reader).")

    def add_writer(self, fd, callback, *args):
        raise NotImplementedError("Loopscope watches no files or sockets (add_writer).")
