namespace EchoNet.Engines
{
    /// <summary>
    /// A socket of a session's own (a relay's upstream) that the engine serving the session's
    /// connection watches for it (<see cref="IConnectionOutput.Watch"/>), so both sockets are
    /// served by one thread: no hop to the thread pool or back per chunk. Readiness reaches the
    /// session's <see cref="ISocketReadiness"/> on that engine thread, one call at a time, like
    /// the session's own calls; the session does the socket's non-blocking I/O itself.
    /// </summary>
    internal interface IWatchedSocket
    {
        /// <summary>Whether to hear that the socket is readable (level-triggered; from any thread).</summary>
        void WantRead(bool want);

        /// <summary>Stops watching (from the engine's thread, before the socket is closed); nothing is heard after it.</summary>
        void Unwatch();
    }

    /// <summary>What a session hears about a socket it asked its engine to watch.</summary>
    internal interface ISocketReadiness
    {
        /// <summary>The socket can be read: bytes, an end or an error wait.</summary>
        void Readable();

        /// <summary>The engine could not watch the socket (errno <paramref name="error"/>): the session ends it.</summary>
        void WatchFailed(int error);
    }
}
