using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CaaBot.Web.Tests.Teams;

/// <summary>
/// Reads back an 8-bit RGBA PNG (signature, chunk CRCs, IHDR, IDAT) for the icon tests. Only filter type 0 is decoded,
/// which is what <see cref="CaaBot.Web.Teams.PngImage"/> writes; any other filter byte fails the read.
/// </summary>
internal sealed class DecodedPng
{
    private readonly byte[] _rgba;

    private DecodedPng(int width, int height, byte bitDepth, byte colorType, byte[] rgba) =>
        (Width, Height, BitDepth, ColorType, _rgba) = (width, height, bitDepth, colorType, rgba);

    public int Width { get; }

    public int Height { get; }

    public byte BitDepth { get; }

    public byte ColorType { get; }

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var offset = ((y * Width) + x) * 4;
        return (_rgba[offset], _rgba[offset + 1], _rgba[offset + 2], _rgba[offset + 3]);
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels() =>
        Enumerable.Range(0, Height).SelectMany(y => Enumerable.Range(0, Width).Select(x => Pixel(x, y)));

    public static DecodedPng Read(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.Equal(signature, png[..8]);
        int width = 0, height = 0;
        byte bitDepth = 0, colorType = 0;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length)), Crc32(png.AsSpan(offset + 4, length + 4)));
            if (type == "IHDR")
            {
                (width, height, bitDepth, colorType) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]), data[8], data[9]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(idat.ToArray()), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = (width * 4) + 1;
        Assert.Equal(stride * height, raw.Length);
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, raw[y * stride]);
            Array.Copy(raw, (y * stride) + 1, rgba, y * width * 4, width * 4);
        }

        return new DecodedPng(width, height, bitDepth, colorType, rgba);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in bytes)
        {
            crc ^= value;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
