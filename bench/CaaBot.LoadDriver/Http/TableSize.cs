namespace CaaBot.LoadDriver.Http;

/// <summary>Bytes one SQLite table or index takes in the file.</summary>
internal sealed record TableSize(string Name, long Bytes);
