using System.Text;

namespace Build.Tests;

/// <summary>
/// Writes the smallest ELF64 file that says which versions it defines: a .dynstr and a
/// .gnu.version_d, nothing loadable. It stands in for a libstdc++ newer than this machine's.
/// </summary>
internal static class MinimalElf
{
    public static byte[] DefiningVersions(string soname, IEnumerable<string> versions)
    {
        var names = new List<string> { soname };
        names.AddRange(versions);

        var strings = new MemoryStream();
        strings.WriteByte(0);
        var nameOffsets = new List<uint>();
        foreach (string name in names)
        {
            nameOffsets.Add((uint)strings.Length);
            strings.Write(Encoding.ASCII.GetBytes(name + "\0"));
        }

        const int headerSize = 64;
        long stringsOffset = headerSize;
        long verdefOffset = Align(stringsOffset + strings.Length, 8);
        const int entrySize = 20 + 8; // Verdef followed by its one Verdaux
        long sectionsOffset = Align(verdefOffset + entrySize * names.Count, 8);

        var file = new MemoryStream();
        var w = new BinaryWriter(file);
        w.Write(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 });
        w.Write(new byte[8]);
        w.Write((ushort)3);          // ET_DYN
        w.Write((ushort)62);         // EM_X86_64
        w.Write(1u);                 // EV_CURRENT
        w.Write(0UL);                // entry
        w.Write(0UL);                // program headers: none
        w.Write((ulong)sectionsOffset);
        w.Write(0u);                 // flags
        w.Write((ushort)headerSize);
        w.Write((ushort)56);
        w.Write((ushort)0);
        w.Write((ushort)64);
        w.Write((ushort)3);          // null, .dynstr, .gnu.version_d
        w.Write((ushort)0);          // no section names

        w.Write(strings.ToArray());
        Pad(w, verdefOffset);
        for (int i = 0; i < names.Count; i++)
        {
            w.Write((ushort)1);                        // vd_version
            w.Write((ushort)(i == 0 ? 1 : 0));         // vd_flags: VER_FLG_BASE for the soname
            w.Write((ushort)(i + 1));                  // vd_ndx
            w.Write((ushort)1);                        // vd_cnt
            w.Write(ElfHash(names[i]));
            w.Write(20u);                              // vd_aux
            w.Write(i == names.Count - 1 ? 0u : entrySize);
            w.Write(nameOffsets[i]);                   // vda_name
            w.Write(0u);                               // vda_next
        }

        Pad(w, sectionsOffset);
        w.Write(new byte[64]);
        Section(w, type: 3, stringsOffset, strings.Length, link: 0, info: 0);
        Section(w, type: 0x6ffffffd, verdefOffset, entrySize * names.Count, link: 1, info: (uint)names.Count);
        return file.ToArray();
    }

    private static void Section(BinaryWriter w, uint type, long offset, long size, uint link, uint info)
    {
        w.Write(0u);            // sh_name
        w.Write(type);
        w.Write(2UL);           // SHF_ALLOC
        w.Write((ulong)offset); // sh_addr: as if loaded at 0
        w.Write((ulong)offset);
        w.Write((ulong)size);
        w.Write(link);
        w.Write(info);
        w.Write(8UL);
        w.Write(0UL);
    }

    private static long Align(long value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private static void Pad(BinaryWriter w, long to)
    {
        while (w.BaseStream.Position < to) w.Write((byte)0);
    }

    private static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (char c in name)
        {
            h = (h << 4) + c;
            uint g = h & 0xf0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }
}
