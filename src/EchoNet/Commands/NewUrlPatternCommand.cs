using System;
using System.Management.Automation;
using EchoNet.Binding;

namespace EchoNet.Commands
{
    /// <summary>
    /// Builds a URL pattern (WHATWG URL Pattern Standard) from a constructor string such as
    /// 'https://*.example.com/books/:id' (a relative one against -BaseUrl) or from a hashtable of
    /// components. The result's Test() and Exec() take a string, a hashtable or a WhatwgUrl. A
    /// pattern that does not build is a non-terminating error (see <see cref="UrlPatternBinding"/>).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "UrlPattern")]
    [OutputType(typeof(UrlPattern))]
    public sealed class NewUrlPatternCommand : PSCmdlet
    {
        /// <summary>A constructor string, or a hashtable of components (protocol ... hash, baseURL).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public object Pattern { get; set; }

        /// <summary>The base URL a relative constructor string is resolved against.</summary>
        [Parameter(Position = 1)]
        public string BaseUrl { get; set; }

        /// <summary>Match the pathname, search and hash without regard to case.</summary>
        [Parameter]
        public SwitchParameter IgnoreCase { get; set; }

        /// <summary>How long one component match may run on the backtracking engine (patterns with lookarounds or backreferences).</summary>
        [Parameter]
        public TimeSpan MatchTimeout { get; set; } = UrlPattern.DefaultMatchTimeout;

        protected override void ProcessRecord()
        {
            if (UrlPatternBinding.TryBuild(Pattern, BaseUrl, IgnoreCase, MatchTimeout, out UrlPattern pattern, out ErrorRecord error)) WriteObject(pattern);
            else WriteError(error);
        }
    }
}
