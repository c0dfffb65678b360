namespace CaaBot.Knowledge.Codes;

/// <summary>Which family an <see cref="ErrorCode"/> belongs to; decides how it is written and routed.</summary>
public enum ErrorCodeKind
{
    /// <summary>Web Account Manager / ADAL codes, <c>0xCAA00000</c>–<c>0xCAAFFFFF</c>.</summary>
    Wam,

    /// <summary>Any other 32-bit failure code that starts with <c>0x8</c> or <c>0xC</c> (HRESULT, NTSTATUS).</summary>
    HResult,

    /// <summary>Microsoft Entra ID service codes such as <c>AADSTS50076</c>.</summary>
    Aadsts,
}
