using System.Management.Automation;
using EchoNet.Errors;

namespace EchoNet.ErrorRecords
{
    /// <summary>Turns core failures into ErrorRecords with a stable id and the fitting category.</summary>
    internal static class NetErrors
    {
        public static ErrorRecord ToErrorRecord(NetException e, object target)
        {
            var record = new ErrorRecord(e, e.Kind.ToString(), CategoryOf(e.Kind), target);
            var action = RecommendedAction(e.Kind);
            if (action != null) record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = action };
            return record;
        }

        public static ErrorCategory CategoryOf(NetErrorKind kind)
        {
            switch (kind)
            {
                case NetErrorKind.ConnectionRefused:
                case NetErrorKind.ConnectionReset: return ErrorCategory.ConnectionError;
                case NetErrorKind.HostNotFound: return ErrorCategory.ObjectNotFound;
                case NetErrorKind.Timeout: return ErrorCategory.OperationTimeout;
                case NetErrorKind.AddressInUse: return ErrorCategory.ResourceUnavailable;
                case NetErrorKind.AddressNotAvailable:
                case NetErrorKind.DatagramTooLarge:
                case NetErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case NetErrorKind.ReplyTooLarge: return ErrorCategory.LimitsExceeded;
                case NetErrorKind.Canceled: return ErrorCategory.OperationStopped;
                case NetErrorKind.SecurityFailure:
                case NetErrorKind.TlsHandshakeFailed: return ErrorCategory.SecurityError;
                case NetErrorKind.CertificateInvalid: return ErrorCategory.AuthenticationError;
                case NetErrorKind.SessionClosed: return ErrorCategory.ResourceUnavailable;
                case NetErrorKind.SessionBusy: return ErrorCategory.ResourceBusy;
                default: return ErrorCategory.NotSpecified;
            }
        }

        /// <summary>What the user can change, in the cmdlets' terms (the core does not know parameter names).</summary>
        private static string RecommendedAction(NetErrorKind kind)
        {
            switch (kind)
            {
                case NetErrorKind.ReplyTooLarge: return "Raise -MaxReplyBytes if such replies are expected.";
                case NetErrorKind.CertificateInvalid:
                    return "Use -ServerName if the certificate names another host, or -SkipCertificateCheck for a test server you trust.";
                case NetErrorKind.SessionClosed: return "Open a new session with Connect-TcpSession; Receive-TcpMessage still returns bytes the closed one buffered.";
                case NetErrorKind.SessionBusy: return "Use a session from one runspace at a time, or open one session per runspace.";
                default: return null;
            }
        }

        /// <summary>An error about a value the user gave, not about the network.</summary>
        public static ErrorRecord InvalidArgument(string id, string message, object target)
        {
            return new ErrorRecord(new System.ArgumentException(message), id, ErrorCategory.InvalidArgument, target);
        }
    }
}
