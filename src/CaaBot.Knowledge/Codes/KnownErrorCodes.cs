using System.Collections.Frozen;

namespace CaaBot.Knowledge.Codes;

/// <summary>
/// Names and numbers that stand for a code, taken from the aliases of the entries that the research
/// (<c>reference/errorcodes.json</c>) marks as verified. Unverified entries (0x8007007E, 0x80004005,
/// 0x800488DE, 0xCAA8004F) and unverified aliases ("error code 2") are left out on purpose: a name
/// we cannot vouch for must not steer a user into the wrong playbook.
/// </summary>
internal static class KnownErrorCodes
{
    /// <summary>Header-style constants and Entra's internal error names, matched anywhere in a message.</summary>
    public static readonly FrozenDictionary<string, ErrorCode> SymbolicNames = new Dictionary<string, ErrorCode>(StringComparer.OrdinalIgnoreCase)
    {
        // WAM/ADAL (adalerr.h, WinRT WebProviderError table).
        ["ERROR_ADAL_SERVER_ERROR_UNAUTHORIZED_CLIENT"] = Hex(0xCAA20001),
        ["ERROR_ADAL_SERVER_ERROR_INVALID_REQUEST"] = Hex(0xCAA20002),
        ["ERROR_ADAL_SERVER_ERROR_INVALID_GRANT"] = Hex(0xCAA20003),
        ["ERROR_ADAL_SERVER_ERROR_ACCESS_DENIED"] = Hex(0xCAA20004),
        ["ERROR_ADAL_SERVER_ERROR_TEMPORARILY_UNAVAILABLE"] = Hex(0xCAA20005),
        ["ERROR_ADAL_SERVER_ERROR_INVALID_RESOURCE"] = Hex(0xCAA2000B),
        ["ERROR_ADAL_SERVER_ERROR_INTERACTION_REQUIRED"] = Hex(0xCAA2000C),
        ["ERROR_ADAL_NEED_CREDENTIAL"] = Hex(0xCAA10001),
        ["ERROR_ADAL_NEED_UI"] = Hex(0xCAA10001),
        ["ERROR_HTTP_STATUS_NOT_FOUND"] = Hex(0xCAA30194),
        ["ERROR_INET_RESOURCE_NOT_FOUND"] = Hex(0xCAA70004),
        ["ERROR_INET_DOWNLOAD_FAILURE"] = Hex(0xCAA70007),
        ["ERROR_INET_CONNECTION_TIMEOUT"] = Hex(0xCAA7000A),
        ["ERROR_ADAL_INTERNET_TIMEOUT"] = Hex(0xCAA82EE2),
        ["ERROR_ADAL_INTERNET_NAME_NOT_RESOLVED"] = Hex(0xCAA82EE7),
        ["ERROR_ADAL_INTERNET_CANNOT_CONNECT"] = Hex(0xCAA82EFD),
        ["ERROR_ADAL_INTERNET_CONNECTION_ABORTED"] = Hex(0xCAA82EFE),
        ["ERROR_ADAL_INTERNET_SECURE_FAILURE"] = Hex(0xCAA82F8F),
        ["ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED"] = Hex(0xCAA90014),
        ["ERROR_ADAL_COULDNOT_DISCOVER_USERREALM"] = Hex(0xCAA90018),
        ["ERROR_ADAL_JSON_MALFORMED"] = Hex(0xCAA60007),
        ["ERROR_ADAL_OAUTH_RESPONSE_INVALID"] = Hex(0xCAA90015),
        ["ERROR_ADAL_UNEXPECTED_RESPONSE"] = Hex(0xCAA90019),
        ["ERROR_ADAL_NO_DEVICE_INFO"] = Hex(0xCAA5004B),

        // Windows HRESULTs named by the verified entries.
        ["MSG_E_DTD_PROHIBITED"] = Hex(0xC00CE584),
        ["NTE_BAD_KEYSET"] = Hex(0x80090016),
        ["NTE_DEVICE_NOT_READY"] = Hex(0x80090030),
        ["TPM_20_E_HANDLE"] = Hex(0x8028008B),
        ["BT_E_SPURIOUS_ACTIVATION"] = Hex(0x80080300),
        ["ERROR_PROCESS_ABORTED"] = Hex(0x8007042B),
        ["E_SHARINGVIOLATION"] = Hex(0x80070020),
        ["ERROR_NO_SUCH_LOGON_SESSION"] = Hex(0x80070520),
        ["E_ACCESSDENIED"] = Hex(0x80070005),
        ["ERROR_EDP_POLICY_DENIES_OPERATION"] = Hex(0x80070164),

        // Entra ID's internal names, as shown next to the number in its error reference.
        ["UserStrongAuthClientAuthNRequired"] = Entra(50076),
        ["UserStrongAuthEnrollmentRequired"] = Entra(50079),
        ["BlockedByConditionalAccess"] = Entra(53003),
        ["DeviceNotCompliant"] = Entra(53000),
        ["BrokerAppNotInstalled"] = Entra(50127),
        ["InvalidReplyTo"] = Entra(50011),
        ["UnauthorizedClient_DoesNotMatchRequest"] = Entra(700016),
        ["DeviceAuthenticationFailed"] = Entra(50155),
        ["InvalidUserNameOrPassword"] = Entra(50126),
        ["UserUnauthorized"] = Entra(50020),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// OAuth <c>error</c> strings. Only a whole answer counts (see <see cref="ErrorCodeParser.TryParse"/>):
    /// inside a pasted Entra response <c>invalid_grant</c> sits next to the real <c>AADSTSnnnnn</c>, and
    /// reading it as 0xCAA20003 there would invent a second, wrong code.
    /// </summary>
    public static readonly FrozenDictionary<string, ErrorCode> OAuthErrors = new Dictionary<string, ErrorCode>(StringComparer.OrdinalIgnoreCase)
    {
        ["unauthorized_client"] = Hex(0xCAA20001),
        ["invalid_request"] = Hex(0xCAA20002),
        ["invalid_grant"] = Hex(0xCAA20003),
        ["access_denied"] = Hex(0xCAA20004),
        ["temporarily_unavailable"] = Hex(0xCAA20005),
        ["invalid_resource"] = Hex(0xCAA2000B),
        ["interaction_required"] = Hex(0xCAA2000C),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// HRESULTs the research knows. Outside the 0xCAA range, a decimal number or a bare (no <c>0x</c>)
    /// hex word is read as a code only when it is one of these; anything else is too likely to be an id.
    /// </summary>
    public static readonly FrozenSet<uint> HResults = new uint[]
    {
        0x80090016, 0x80090030, 0x8028008B, 0x80080300, 0x8007042B,
        0x80070020, 0x80070520, 0x80070005, 0x80070164, 0xC00CE584,
    }.ToFrozenSet();

    /// <summary>Entra numbers the research lists; a bare number is read as one only when it is the whole answer.</summary>
    public static readonly FrozenSet<int> AadstsNumbers = new[]
    {
        50076, 50079, 53003, 53000, 53001, 53002, 50127, 50011, 700016, 50155, 135011, 50126, 50020,
    }.ToFrozenSet();

    private static ErrorCode Hex(uint value) => ErrorCode.FromValue(value);

    private static ErrorCode Entra(int number) => ErrorCode.FromAadsts(number);
}
