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
        Other,
    }
}
