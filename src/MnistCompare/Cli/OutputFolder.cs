namespace MnistCompare.Cli;

// An --out value must be a folder we can create: not an existing file and not inside one. Checked before any data
// is loaded, so the mistake costs nothing and reads as what it is rather than as the file system's "already exists"
// or "could not find a part of the path".
public static class OutputFolder
{
    public static string Checked(string path, string option = "--out")
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new UserError($"{option}: {full} is a file; give a folder (a new one, or a run folder)");
        for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent)) throw new UserError($"{option}: {parent} is a file, so {full} cannot be a folder inside it; give a folder");
        }
        return full;
    }
}
