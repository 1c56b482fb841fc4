namespace EchoNet.Url
{
    /// <summary>
    /// The states of the basic URL parser, in the Standard's order. Each name matches the
    /// Standard's state, whose anchor is url.spec.whatwg.org/#&lt;name&gt;-state (e.g. #scheme-start-state).
    /// The state-override states used only by the URL setters (hostname state) are not needed here.
    /// </summary>
    internal enum ParserState
    {
        SchemeStart,                    // #scheme-start-state
        Scheme,                         // #scheme-state
        NoScheme,                       // #no-scheme-state
        SpecialRelativeOrAuthority,     // #special-relative-or-authority-state
        PathOrAuthority,                // #path-or-authority-state
        Relative,                       // #relative-state
        RelativeSlash,                  // #relative-slash-state
        SpecialAuthoritySlashes,        // #special-authority-slashes-state
        SpecialAuthorityIgnoreSlashes,  // #special-authority-ignore-slashes-state
        Authority,                      // #authority-state
        Host,                           // #host-state
        Port,                           // #port-state
        File,                           // #file-state
        FileSlash,                      // #file-slash-state
        FileHost,                       // #file-host-state
        PathStart,                      // #path-start-state
        Path,                           // #path-state
        OpaquePath,                     // #cannot-be-a-base-url-path-state
        Query,                          // #query-state
        Fragment,                       // #fragment-state
    }
}
