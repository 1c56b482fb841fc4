using System.Management.Automation;
using System.Text;
using EchoNet.Client;
using EchoNet.ErrorRecords;

namespace EchoNet.Planning
{
    /// <summary>Turns the reply parameters (-Terminator, -ReplyLength, -NoReply, -QuietTimeout, -MaxReplyBytes) into the core's rule.</summary>
    internal static class ReplyRuleParameters
    {
        /// <summary>The rule; null with <paramref name="error"/> set when the parameters conflict.</summary>
        public static ReplyRule Build(string terminator, int? replyLength, bool noReply, int quietMs, int maxReplyBytes,
            Encoding encoding, out ErrorRecord error)
        {
            error = null;
            int rules = (terminator != null ? 1 : 0) + (replyLength != null ? 1 : 0) + (noReply ? 1 : 0);
            if (rules > 1)
            {
                error = NetErrors.InvalidArgument("ConflictingReplyRules", "Use only one of -Terminator, -ReplyLength and -NoReply.", null);
                return null;
            }
            if (replyLength > maxReplyBytes)
            {
                // Such a reply could never be received: the read would stop at the limit, or wait out the timeout.
                error = NetErrors.InvalidArgument("ReplyLengthOverLimit",
                    $"-ReplyLength {replyLength} is more than -MaxReplyBytes {maxReplyBytes}: a reply that long could never be received. Raise -MaxReplyBytes or ask for fewer bytes.",
                    replyLength);
                return null;
            }
            return terminator != null ? ReplyRule.ForTerminator(encoding.GetBytes(terminator), quietMs, maxReplyBytes)
                : replyLength != null ? ReplyRule.ForLength(replyLength.Value, quietMs, maxReplyBytes)
                : noReply ? ReplyRule.ForNoReply(quietMs, maxReplyBytes)
                : ReplyRule.ForDefault(quietMs, maxReplyBytes);
        }
    }
}
