namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>A file a fake system stored, byte for byte.</summary>
public sealed record StoredAttachment(string SysId, string TableSysId, string FileName, string ContentType, byte[] Bytes);
