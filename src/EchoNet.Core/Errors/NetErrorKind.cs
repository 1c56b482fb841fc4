namespace EchoNet.Errors
{
    /// <summary>What went wrong on the network, independent of how a host reports it.</summary>
    public enum NetErrorKind
    {
        ConnectionRefused,
        HostNotFound,
        Timeout,
        AddressInUse,
        AddressNotAvailable,
        InvalidArgument,
        ConnectionReset,
        ReplyTooLarge,
        DatagramTooLarge,
        Canceled,
        SecurityFailure,
        CertificateInvalid,
        TlsHandshakeFailed,
        /// <summary>The session was closed (by the peer, by a failure, or by the user).</summary>
        SessionClosed,
        /// <summary>Another runspace is using the session right now.</summary>
        SessionBusy,
        Other,
    }
}
