namespace CaaBot.Knowledge.Codes;

/// <summary>
/// Where the cause of a code most likely lives: coarse enough to pick a generic playbook for a
/// well-formed code that has no playbook of its own.
/// </summary>
public enum ErrorCodeArea
{
    /// <summary>Nothing useful can be said from the code's shape alone.</summary>
    Unknown,

    /// <summary>Internet connection, DNS, proxy, firewall or TLS between the device and the sign-in service.</summary>
    Network,

    /// <summary>The account, its licence or the tenant's policies (MFA, Conditional Access, consent).</summary>
    Account,

    /// <summary>The device: registration, keys/TPM, the token broker, the Windows profile.</summary>
    Device,

    /// <summary>The Teams/Office client or its cached state.</summary>
    Client,

    /// <summary>On-premises federation (AD FS) or how the sign-in name is discovered.</summary>
    Federation,
}
