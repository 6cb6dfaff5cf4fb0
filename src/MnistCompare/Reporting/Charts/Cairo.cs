using System.Runtime.InteropServices;
using System.Text;

namespace MnistCompare.Reporting.Charts;

// P/Invoke bindings for the slice of cairo the chart renderer uses. cairo's text and file-name parameters are
// NUL-terminated UTF-8; they are passed as bytes from Utf8() so the encoding does not depend on marshalling
// defaults. Handles are raw pointers; CairoSurface and CairoContext own them. Enum values are cairo's C values.
internal static class Cairo
{
    private const string Library = "libcairo.so.2";

    internal enum Format { Argb32 = 0 }
    internal enum FontSlant { Normal = 0, Italic = 1 }
    internal enum FontWeight { Normal = 0, Bold = 1 }
    internal enum LineCap { Butt = 0, Round = 1 }
    internal enum LineJoin { Miter = 0, Round = 1 }
    internal enum SvgUnit { User = 0, Px = 3 }
    internal enum Filter { Nearest = 3, Bilinear = 4 }
    internal enum Extend { None = 0, Pad = 3 }

    [StructLayout(LayoutKind.Sequential)]
    internal struct TextExtents
    {
        public double XBearing, YBearing, Width, Height, XAdvance, YAdvance;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct FontExtents
    {
        public double Ascent, Descent, Height, MaxXAdvance, MaxYAdvance;
    }

    // surfaces
    [DllImport(Library)] internal static extern IntPtr cairo_image_surface_create(Format format, int width, int height);
    [DllImport(Library)] internal static extern IntPtr cairo_svg_surface_create(byte[] fileName, double widthInPoints, double heightInPoints);
    [DllImport(Library)] internal static extern void cairo_svg_surface_set_document_unit(IntPtr surface, SvgUnit unit);
    [DllImport(Library)] internal static extern int cairo_surface_write_to_png(IntPtr surface, byte[] fileName);
    [DllImport(Library)] internal static extern IntPtr cairo_image_surface_get_data(IntPtr surface);
    [DllImport(Library)] internal static extern int cairo_image_surface_get_stride(IntPtr surface);
    [DllImport(Library)] internal static extern void cairo_surface_mark_dirty(IntPtr surface);
    [DllImport(Library)] internal static extern void cairo_surface_flush(IntPtr surface);
    [DllImport(Library)] internal static extern void cairo_surface_finish(IntPtr surface);
    [DllImport(Library)] internal static extern int cairo_surface_status(IntPtr surface);
    [DllImport(Library)] internal static extern void cairo_surface_destroy(IntPtr surface);

    // context lifetime and state
    [DllImport(Library)] internal static extern IntPtr cairo_create(IntPtr surface);
    [DllImport(Library)] internal static extern void cairo_destroy(IntPtr cr);
    [DllImport(Library)] internal static extern int cairo_status(IntPtr cr);
    [DllImport(Library)] internal static extern IntPtr cairo_status_to_string(int status);
    [DllImport(Library)] internal static extern void cairo_save(IntPtr cr);
    [DllImport(Library)] internal static extern void cairo_restore(IntPtr cr);
    [DllImport(Library)] internal static extern void cairo_translate(IntPtr cr, double tx, double ty);
    [DllImport(Library)] internal static extern void cairo_rotate(IntPtr cr, double angle);
    [DllImport(Library)] internal static extern void cairo_scale(IntPtr cr, double sx, double sy);

    // source and stroke style
    [DllImport(Library)] internal static extern void cairo_set_source_rgb(IntPtr cr, double red, double green, double blue);
    [DllImport(Library)] internal static extern void cairo_set_source_rgba(IntPtr cr, double red, double green, double blue, double alpha);
    [DllImport(Library)] internal static extern void cairo_set_source_surface(IntPtr cr, IntPtr surface, double x, double y);
    [DllImport(Library)] internal static extern IntPtr cairo_get_source(IntPtr cr);
    [DllImport(Library)] internal static extern void cairo_pattern_set_filter(IntPtr pattern, Filter filter);
    [DllImport(Library)] internal static extern void cairo_pattern_set_extend(IntPtr pattern, Extend extend);
    [DllImport(Library)] internal static extern void cairo_set_line_width(IntPtr cr, double width);
    [DllImport(Library)] internal static extern void cairo_set_line_cap(IntPtr cr, LineCap cap);
    [DllImport(Library)] internal static extern void cairo_set_line_join(IntPtr cr, LineJoin join);
    [DllImport(Library)] internal static extern void cairo_set_dash(IntPtr cr, double[] dashes, int count, double offset);

    // paths and painting
    [DllImport(Library)] internal static extern void cairo_new_path(IntPtr cr);
    [DllImport(Library)] internal static extern void cairo_move_to(IntPtr cr, double x, double y);
    [DllImport(Library)] internal static extern void cairo_line_to(IntPtr cr, double x, double y);
    [DllImport(Library)] internal static extern void cairo_rectangle(IntPtr cr, double x, double y, double width, double height);
    [DllImport(Library)] internal static extern void cairo_arc(IntPtr cr, double xc, double yc, double radius, double angle1, double angle2);
    [DllImport(Library)] internal static extern void cairo_close_path(IntPtr cr);
    [DllImport(Library)] internal static extern void cairo_stroke(IntPtr cr);
    [DllImport(Library)] internal static extern void cairo_fill(IntPtr cr);
    [DllImport(Library)] internal static extern void cairo_fill_preserve(IntPtr cr);
    [DllImport(Library)] internal static extern void cairo_clip(IntPtr cr);
    [DllImport(Library)] internal static extern void cairo_paint(IntPtr cr);

    // toy text API
    [DllImport(Library)] internal static extern void cairo_select_font_face(IntPtr cr, byte[] family, FontSlant slant, FontWeight weight);
    [DllImport(Library)] internal static extern void cairo_set_font_size(IntPtr cr, double size);
    [DllImport(Library)] internal static extern void cairo_text_extents(IntPtr cr, byte[] text, out TextExtents extents);
    [DllImport(Library)] internal static extern void cairo_font_extents(IntPtr cr, out FontExtents extents);
    [DllImport(Library)] internal static extern void cairo_show_text(IntPtr cr, byte[] text);

    internal static byte[] Utf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    internal static string StatusToString(int status) =>
        Marshal.PtrToStringUTF8(cairo_status_to_string(status)) ?? $"cairo status {status}";
}
