namespace MnistCompare.Reporting.Charts;

// Owns one cairo_t and exposes the drawing operations as methods, so drawing code reads like cairo without
// handles. cairo errors are sticky on the context; ThrowIfFailed reports the first one.
internal sealed class CairoContext : IDisposable
{
    private static readonly byte[] FontFamilyUtf8 = Cairo.Utf8("DejaVu Sans");

    private IntPtr _handle;
    private readonly CairoSurface _surface;

    public CairoContext(CairoSurface surface)
    {
        _surface = surface;
        _handle = Cairo.cairo_create(surface.Handle);
        ThrowIfFailed();
    }

    private IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(CairoContext));

    public void Save() => Cairo.cairo_save(Handle);
    public void Restore() => Cairo.cairo_restore(Handle);
    public void Translate(double x, double y) => Cairo.cairo_translate(Handle, x, y);
    public void Rotate(double radians) => Cairo.cairo_rotate(Handle, radians);
    public void Scale(double x, double y) => Cairo.cairo_scale(Handle, x, y);

    public void SetColor(ChartColor color, double alpha = 1.0)
    {
        if (alpha >= 1.0)
            Cairo.cairo_set_source_rgb(Handle, color.R / 255.0, color.G / 255.0, color.B / 255.0);
        else
            Cairo.cairo_set_source_rgba(Handle, color.R / 255.0, color.G / 255.0, color.B / 255.0, alpha);
    }

    public void SetLineWidth(double width) => Cairo.cairo_set_line_width(Handle, width);

    public void SetRoundLines()
    {
        Cairo.cairo_set_line_cap(Handle, Cairo.LineCap.Round);
        Cairo.cairo_set_line_join(Handle, Cairo.LineJoin.Round);
    }

    public void SetSquareLines()
    {
        Cairo.cairo_set_line_cap(Handle, Cairo.LineCap.Butt);
        Cairo.cairo_set_line_join(Handle, Cairo.LineJoin.Miter);
    }

    /// <summary>Dash lengths alternate on/off; an empty list restores solid lines.</summary>
    public void SetDash(params double[] dashes) => Cairo.cairo_set_dash(Handle, dashes, dashes.Length, 0);

    public void NewPath() => Cairo.cairo_new_path(Handle);
    public void MoveTo(double x, double y) => Cairo.cairo_move_to(Handle, x, y);
    public void LineTo(double x, double y) => Cairo.cairo_line_to(Handle, x, y);
    public void Rectangle(double x, double y, double width, double height) => Cairo.cairo_rectangle(Handle, x, y, width, height);
    public void Circle(double x, double y, double radius) => Cairo.cairo_arc(Handle, x, y, radius, 0, 2 * Math.PI);
    public void ClosePath() => Cairo.cairo_close_path(Handle);
    public void Stroke() => Cairo.cairo_stroke(Handle);
    public void Fill() => Cairo.cairo_fill(Handle);
    public void FillPreserve() => Cairo.cairo_fill_preserve(Handle);
    public void Clip() => Cairo.cairo_clip(Handle);

    /// <summary>
    /// Paints <paramref name="image"/> stretched over the rectangle, interpolating between its pixels. Edge pixels
    /// extend outwards instead of fading into transparency, so a stretched image keeps hard edges.
    /// </summary>
    public void PaintImage(CairoSurface image, double x, double y, double width, double height)
    {
        Save();
        Rectangle(x, y, width, height);
        Clip();
        Translate(x, y);
        Scale(width / image.Width, height / image.Height);
        Cairo.cairo_set_source_surface(Handle, image.Handle, 0, 0);
        var pattern = Cairo.cairo_get_source(Handle);
        Cairo.cairo_pattern_set_filter(pattern, Cairo.Filter.Bilinear);
        Cairo.cairo_pattern_set_extend(pattern, Cairo.Extend.Pad);
        Cairo.cairo_paint(Handle);
        Restore();
    }

    public void SetFont(double size, bool bold = false, bool italic = false)
    {
        Cairo.cairo_select_font_face(Handle, FontFamilyUtf8,
            italic ? Cairo.FontSlant.Italic : Cairo.FontSlant.Normal,
            bold ? Cairo.FontWeight.Bold : Cairo.FontWeight.Normal);
        Cairo.cairo_set_font_size(Handle, size);
    }

    public Cairo.TextExtents MeasureText(string text)
    {
        Cairo.cairo_text_extents(Handle, Cairo.Utf8(text), out var extents);
        return extents;
    }

    public Cairo.FontExtents MeasureFont()
    {
        Cairo.cairo_font_extents(Handle, out var extents);
        return extents;
    }

    /// <summary>Draws text with its baseline starting at the current point.</summary>
    public void ShowText(string text) => Cairo.cairo_show_text(Handle, Cairo.Utf8(text));

    public void ThrowIfFailed()
    {
        int status = Cairo.cairo_status(Handle);
        if (status != 0)
            throw new CairoException(Cairo.StatusToString(status), _surface.FileName);
    }

    public void Dispose()
    {
        if (_handle == IntPtr.Zero)
            return;
        Cairo.cairo_destroy(_handle);
        _handle = IntPtr.Zero;
    }
}
