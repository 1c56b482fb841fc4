using System;
using System.Management.Automation;
using System.Threading;
using EchoNet.Streams;

namespace EchoNet.Binding
{
    /// <summary>
    /// The input of the URL cmdlets (ConvertFrom-Url, Test-Url): -Url and -BaseUrl, from the
    /// command line or the pipeline.
    /// </summary>
    /// <remarks>
    /// Two parameter sets with the same two parameters, so that a piped string never meets
    /// by-property-name binding: PowerShell binds each pipeline object by value first, and once
    /// -Url is bound by value in the <see cref="StringSet"/> set, only that set's parameters are
    /// left, none of them by property name. With a single set, every string would also be searched
    /// for BaseUrl and Base properties, and the strings Get-Content writes carry six note
    /// properties (PSPath, ReadCount, ...), which made that search cost more than the parse.
    /// Objects (not strings) fail the by-value step and bind by property name in the
    /// <see cref="PropertySet"/> set: Url, Uri or Href, and BaseUrl or Base. A derived cmdlet
    /// names <see cref="StringSet"/> as its default parameter set.
    /// </remarks>
    public abstract class UrlInputCommand : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>True when -Verbose (or $VerbosePreference) asks for a line per input; read in BeginProcessing.</summary>
        protected bool Tracing { get; private set; }

        /// <summary>Cancelled by Ctrl+C (StopProcessing): every parse takes it, so a huge input stops inside its parse.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        protected override void BeginProcessing() => Tracing = VerboseStream.IsEnabled(this);

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();

        /// <summary>
        /// Runs <paramref name="parseInputs"/>; a parse that Ctrl+C cancelled ends the pipeline as
        /// stopped, which is not an error.
        /// </summary>
        protected static void StopOnCancel(Action parseInputs)
        {
            try
            {
                parseInputs();
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Piped strings bind here, by value; the default set.</summary>
        public const string StringSet = "String";

        /// <summary>Piped objects bind here, by property name.</summary>
        public const string PropertySet = "PropertyName";

        /// <summary>The URL strings, or relative references when -BaseUrl is given.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = StringSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = PropertySet)]
        [Alias("Uri", "Href")]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[] Url { get; set; }

        /// <summary>The URL that relative inputs are resolved against.</summary>
        [Parameter(Position = 1, ParameterSetName = StringSet)]
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = PropertySet)]
        [Alias("Base")]
        public string BaseUrl { get; set; }
    }
}
