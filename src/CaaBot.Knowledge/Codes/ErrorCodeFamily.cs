using System.Globalization;

namespace CaaBot.Knowledge.Codes;

/// <summary>
/// What a code's shape says about it, without any playbook: for <c>0xCAA…</c> codes the facility (and the
/// embedded HTTP status or WinInet error), for HRESULTs the Win32 error inside, for Entra codes the service.
/// The bot uses it to route a well-formed code it has no playbook for, e.g. <c>0xCAA30194</c> → HTTP 404,
/// network/proxy.
/// </summary>
public sealed record ErrorCodeFamily
{
    private const int FacilityWin32 = 7;
    private const int FacilitySecurity = 9;
    private const int FacilityInternet = 12;
    private const int FacilityTpmServices = 0x28;
    private const int FacilityTpmSoftware = 0x29;

    /// <summary>The code described.</summary>
    public required ErrorCode Code { get; init; }

    /// <summary>The WAM facility; <see langword="null"/> for other kinds and for unassigned facility digits.</summary>
    public WamFacility? Facility { get; init; }

    /// <summary>Where the cause most likely lives.</summary>
    public required ErrorCodeArea Area { get; init; }

    /// <summary>One line for a helpdesk agent or a log, e.g. "HTTP 404 from the sign-in server or a proxy".</summary>
    public required string Description { get; init; }

    /// <summary>For <see cref="WamFacility.HttpStatus"/> codes, the HTTP status carried in the last four hex digits.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>For <see cref="WamFacility.WinInet"/> codes, the WinInet error (12002 = timeout, 12007 = name not resolved).</summary>
    public int? WinInetError { get; init; }

    /// <summary>For HRESULTs wrapping a Win32 error (<c>0x8007xxxx</c>), that error (0x8007042B → 1067).</summary>
    public int? Win32Error { get; init; }

    /// <summary>Describes the family of <paramref name="code"/>.</summary>
    public static ErrorCodeFamily Of(ErrorCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Kind switch
        {
            ErrorCodeKind.Wam => OfWam(code),
            ErrorCodeKind.HResult => OfHResult(code),
            _ => new ErrorCodeFamily
            {
                Code = code,
                Area = ErrorCodeArea.Account,
                Description = string.Create(CultureInfo.InvariantCulture, $"Microsoft Entra ID refused the sign-in; current text at https://login.microsoftonline.com/error?code={code.Value}"),
            },
        };
    }

    private static ErrorCodeFamily OfWam(ErrorCode code)
    {
        var digit = (int)((code.Value >> 16) & 0xF);
        var low = (int)(code.Value & 0xFFFF);
        var family = new ErrorCodeFamily { Code = code, Area = ErrorCodeArea.Unknown, Description = "Web Account Manager code with an unassigned facility" };
        return digit switch
        {
            0x1 => family with { Facility = WamFacility.Client, Area = ErrorCodeArea.Client, Description = "Raised by the client or the calling app" },
            0x2 => family with { Facility = WamFacility.IdentityServer, Area = ErrorCodeArea.Account, Description = "The identity server refused the request (OAuth error)" },
            0x3 => family with
            {
                Facility = WamFacility.HttpStatus,
                Area = ErrorCodeArea.Network,
                HttpStatus = low,
                Description = string.Create(CultureInfo.InvariantCulture, $"HTTP {low} from the sign-in server or a proxy (network/proxy family)"),
            },
            0x5 => family with { Facility = WamFacility.System, Area = ErrorCodeArea.Device, Description = "A local system problem (device registration, keys, TPM)" },

            // The research's AA6 case is a proxy answering with HTML instead of JSON, hence network.
            0x6 => family with { Facility = WamFacility.Json, Area = ErrorCodeArea.Network, Description = "The sign-in response was not valid JSON (often a proxy page)" },
            0x7 => family with { Facility = WamFacility.UrlMoniker, Area = ErrorCodeArea.Network, Description = "A network error while reaching the sign-in service" },
            0x8 => family with
            {
                Facility = WamFacility.WinInet,
                Area = ErrorCodeArea.Network,
                WinInetError = low == 0 ? null : low,
                Description = low == 0
                    ? "A WinInet network error"
                    : string.Create(CultureInfo.InvariantCulture, $"WinInet error {low} (network family)"),
            },
            0x9 => family with { Facility = WamFacility.ServerFederation, Area = ErrorCodeArea.Federation, Description = "The server or federation service (AD FS) failed the sign-in" },
            0xA => family with { Facility = WamFacility.Unexpected, Area = ErrorCodeArea.Unknown, Description = "An unexpected internal error in the sign-in stack" },
            0xB => family with { Facility = WamFacility.TokenBroker, Area = ErrorCodeArea.Device, Description = "The token broker (WAM plug-in) failed" },
            _ => family,
        };
    }

    private static ErrorCodeFamily OfHResult(ErrorCode code)
    {
        var facility = (int)((code.Value >> 16) & 0x7FF);
        var low = (int)(code.Value & 0xFFFF);
        return facility switch
        {
            FacilityWin32 => new ErrorCodeFamily
            {
                Code = code,
                Area = ErrorCodeArea.Unknown,
                Win32Error = low,
                Description = string.Create(CultureInfo.InvariantCulture, $"Windows error {low} wrapped as an HRESULT"),
            },
            FacilitySecurity or FacilityTpmServices or FacilityTpmSoftware => new ErrorCodeFamily
            {
                Code = code,
                Area = ErrorCodeArea.Device,
                Description = "A key, certificate or TPM problem on the device",
            },
            FacilityInternet => new ErrorCodeFamily
            {
                Code = code,
                Area = ErrorCodeArea.Network,
                Description = "An internet or content (XML) error while talking to the sign-in service",
            },
            _ => new ErrorCodeFamily { Code = code, Area = ErrorCodeArea.Unknown, Description = "A Windows HRESULT" },
        };
    }
}
