namespace CaaBot.Knowledge.Codes;

/// <summary>
/// The facility of a <c>0xCAA…</c> code: the digit after <c>CAA</c>, e.g. the <c>3</c> in <c>0xCAA30194</c>
/// (WinRT WebProviderError table, adalerr.h). Values are the digit itself.
/// </summary>
public enum WamFacility
{
    /// <summary><c>AA1</c>: the client or the calling app (e.g. credentials needed, UI needed).</summary>
    Client = 0x1,

    /// <summary><c>AA2</c>: an OAuth answer from the identity server (invalid_grant, interaction_required…).</summary>
    IdentityServer = 0x2,

    /// <summary><c>AA3</c>: an HTTP status from the server or a proxy; the last four hex digits are the status.</summary>
    HttpStatus = 0x3,

    /// <summary><c>AA5</c>: the local system (device registration, keys, TPM).</summary>
    System = 0x5,

    /// <summary><c>AA6</c>: a JSON response that could not be read (often a proxy answering with HTML).</summary>
    Json = 0x6,

    /// <summary><c>AA7</c>: URL-moniker networking (server not found, download failed, timeout).</summary>
    UrlMoniker = 0x7,

    /// <summary><c>AA8</c>: WinINet networking; the last four hex digits are the WinINet error (0x2EE2 = 12002).</summary>
    WinInet = 0x8,

    /// <summary><c>AA9</c>: the server side, including federation (AD FS, WS-Trust, realm discovery).</summary>
    ServerFederation = 0x9,

    /// <summary><c>AAA</c>: an unexpected internal state.</summary>
    Unexpected = 0xA,

    /// <summary><c>AAB</c>: the token broker (WAM plug-in).</summary>
    TokenBroker = 0xB,
}
