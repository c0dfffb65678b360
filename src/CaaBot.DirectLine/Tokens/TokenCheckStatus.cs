namespace CaaBot.DirectLine.Tokens;

/// <summary>Why a presented token was or was not accepted.</summary>
public enum TokenCheckStatus
{
    Valid,

    /// <summary>Absent, not ours, wrong kind or a bad signature (→ 401).</summary>
    Invalid,

    /// <summary>Genuine but past its expiry (→ 403 <c>TokenExpired</c>).</summary>
    Expired,
}
