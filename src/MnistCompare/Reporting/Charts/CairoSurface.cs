using System.Runtime.InteropServices;

namespace MnistCompare.Reporting.Charts;

// Owns one cairo_surface_t. The file name is kept only so that errors can say which output failed.
internal sealed class CairoSurface : IDisposable
{
    private const int StatusSuccess = 0;

    private IntPtr _handle;

    private CairoSurface(IntPtr handle, string? fileName)
    {
        _handle = handle;
        FileName = fileName;
        // cairo never returns null here; a failed creation yields an "error surface" whose status says why.
        ThrowIfFailed();
    }

    public string? FileName { get; }

    internal IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(CairoSurface));

    public static CairoSurface CreateImage(int width, int height) =>
        new(Cairo.cairo_image_surface_create(Cairo.Format.Argb32, width, height), null) { Width = width, Height = height };

    /// <summary>
    /// An image holding <paramref name="pixels"/>, row by row from the top, each 0xAARRGGBB with the colour already
    /// multiplied by alpha (cairo's ARGB32); for painting onto another surface with <see cref="CairoContext.PaintImage"/>.
    /// </summary>
    public static CairoSurface CreateImage(int width, int height, uint[] pixels)
    {
        if (pixels.Length != width * height)
            throw new ArgumentException($"A {width}×{height} image needs {width * height} pixels, got {pixels.Length}.", nameof(pixels));
        var surface = CreateImage(width, height);
        try
        {
            Cairo.cairo_surface_flush(surface.Handle);
            var data = Cairo.cairo_image_surface_get_data(surface.Handle);
            // Rows may be padded past width × 4 bytes, so each row goes to its own stride offset.
            var stride = Cairo.cairo_image_surface_get_stride(surface.Handle);
            var row = new int[width];
            for (var y = 0; y < height; y++)
            {
                Buffer.BlockCopy(pixels, y * width * sizeof(uint), row, 0, width * sizeof(uint));
                Marshal.Copy(row, 0, data + y * stride, width);
            }
            Cairo.cairo_surface_mark_dirty(surface.Handle);
            return surface;
        }
        catch
        {
            surface.Dispose();
            throw;
        }
    }

    /// <summary>The size in pixels of an image surface; 0 for other surfaces.</summary>
    public int Width { get; private init; }

    public int Height { get; private init; }

    /// <summary>An SVG document written to <paramref name="fileName"/> as drawing happens; complete only after <see cref="Finish"/>.</summary>
    public static CairoSurface CreateSvg(string fileName, double width, double height)
    {
        var surface = new CairoSurface(Cairo.cairo_svg_surface_create(Cairo.Utf8(fileName), width, height), fileName);
        // cairo 1.16 defaults to points, which would make a 1600-unit-wide drawing declare itself 1600pt wide.
        Cairo.cairo_svg_surface_set_document_unit(surface.Handle, Cairo.SvgUnit.Px);
        return surface;
    }

    public void Flush()
    {
        Cairo.cairo_surface_flush(Handle);
        ThrowIfFailed();
    }

    /// <summary>Completes the output (for SVG, writes the rest of the file); no drawing is possible afterwards.</summary>
    public void Finish()
    {
        Cairo.cairo_surface_finish(Handle);
        ThrowIfFailed();
    }

    public void WriteToPng(string fileName)
    {
        Flush();
        int status = Cairo.cairo_surface_write_to_png(Handle, Cairo.Utf8(fileName));
        if (status != StatusSuccess)
            throw new CairoException(Cairo.StatusToString(status), fileName);
    }

    public void ThrowIfFailed()
    {
        int status = Cairo.cairo_surface_status(Handle);
        if (status != StatusSuccess)
            throw new CairoException(Cairo.StatusToString(status), FileName);
    }

    public void Dispose()
    {
        if (_handle == IntPtr.Zero)
            return;
        Cairo.cairo_surface_destroy(_handle);
        _handle = IntPtr.Zero;
    }
}
