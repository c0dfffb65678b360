namespace CaaBot.Conversations.Serialization;

/// <summary>
/// Short random upper-case hex ids for correlation ids and prompt card markers: they tell things apart, they guard
/// nothing, so <see cref="Random.Shared"/> (far cheaper than the cryptographic generator) is enough.
/// </summary>
internal static class RandomHex
{
    /// <summary><paramref name="length"/> (at most 16) hex digits.</summary>
    public static string Create(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 16);
        return string.Create(length, Random.Shared.NextInt64(), static (chars, bits) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = "0123456789ABCDEF"[(int)(bits & 0xF)];
                bits >>= 4;
            }
        });
    }
}
