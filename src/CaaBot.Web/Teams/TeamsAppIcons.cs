using System.Globalization;

namespace CaaBot.Web.Teams;

/// <summary>
/// The two icons a Teams app needs, drawn from code: a padlock (sign-in) in white. The colour icon is 192×192 on the
/// accent colour; the outline icon is 32×32, white on transparent, as Teams requires for its monochrome places.
/// Edges are anti-aliased by sampling each pixel 4×4 times.
/// </summary>
public static class TeamsAppIcons
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;
    private const int Samples = 4;

    public static byte[] Color(string accentColor)
    {
        var (red, green, blue) = ParseColor(accentColor);
        var image = new PngImage(ColorSize, ColorSize);
        Paint(image, (coverage, x, y) =>
        {
            // White padlock over the accent colour, the keyhole showing the accent again.
            var white = (byte)Math.Round(255 * coverage);
            var keep = 1 - coverage;
            image.SetPixel(x, y, (byte)(white + (red * keep)), (byte)(white + (green * keep)), (byte)(white + (blue * keep)), 255);
        });
        return image.Encode();
    }

    public static byte[] Outline()
    {
        var image = new PngImage(OutlineSize, OutlineSize);
        Paint(image, (coverage, x, y) => image.SetPixel(x, y, 255, 255, 255, (byte)Math.Round(255 * coverage)));
        return image.Encode();
    }

    /// <summary>#rrggbb to its channels.</summary>
    public static (byte Red, byte Green, byte Blue) ParseColor(string color)
    {
        ArgumentNullException.ThrowIfNull(color);
        if (color.Length != 7 || color[0] != '#' || !int.TryParse(color.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            throw new FormatException($"'{color}' is not a colour of the form #rrggbb.");
        }

        return ((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }

    private static void Paint(PngImage image, Action<double, int, int> setPixel)
    {
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var inside = 0;
                for (var sy = 0; sy < Samples; sy++)
                {
                    for (var sx = 0; sx < Samples; sx++)
                    {
                        var u = (x + ((sx + 0.5) / Samples)) / image.Width;
                        var v = (y + ((sy + 0.5) / Samples)) / image.Height;
                        inside += IsPadlock(u, v) ? 1 : 0;
                    }
                }

                setPixel(inside / (double)(Samples * Samples), x, y);
            }
        }
    }

    /// <summary>The padlock in unit coordinates (0..1 each way, y down): a body with a keyhole and a shackle above it.</summary>
    private static bool IsPadlock(double u, double v)
    {
        var inBody = u is >= 0.22 and <= 0.78 && v is >= 0.44 and <= 0.86 && !IsOutsideRoundedCorner(u, v, 0.22, 0.44, 0.78, 0.86, 0.06);
        var keyhole = Distance(u, v, 0.5, 0.6) <= 0.06 || (Math.Abs(u - 0.5) <= 0.025 && v is >= 0.6 and <= 0.74);
        var ring = Distance(u, v, 0.5, 0.42);
        var inShackle = (v <= 0.44 && ring is >= 0.14 and <= 0.22) || (v is > 0.42 and <= 0.46 && (Math.Abs(u - 0.32) <= 0.04 || Math.Abs(u - 0.68) <= 0.04));
        return (inBody && !keyhole) || inShackle;
    }

    private static bool IsOutsideRoundedCorner(double u, double v, double left, double top, double right, double bottom, double radius)
    {
        var cornerU = u < left + radius ? left + radius : u > right - radius ? right - radius : u;
        var cornerV = v < top + radius ? top + radius : v > bottom - radius ? bottom - radius : v;
        return Distance(u, v, cornerU, cornerV) > radius;
    }

    private static double Distance(double u, double v, double centreU, double centreV) =>
        Math.Sqrt(((u - centreU) * (u - centreU)) + ((v - centreV) * (v - centreV)));
}
