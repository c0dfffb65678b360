using System.Runtime.InteropServices;

namespace CaaBot.Storage.Sqlite;

/// <summary>Microsoft.Data.Sqlite binds BLOBs from byte arrays; avoid a copy when the memory already is a whole array.</summary>
internal static class SqliteBlob
{
    public static byte[] ToArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
}
