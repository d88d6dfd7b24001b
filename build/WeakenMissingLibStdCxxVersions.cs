using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

// libLibTorchSharp.so (TorchSharp 0.107) declares a version need on GLIBCXX_3.4.32, which the
// libstdc++ of Debian 12 / Ubuntu 22.04 lacks, although no symbol bound at load time needs it.
// For every libstdc++ version the system library does not define, this task sets VER_FLG_WEAK on
// the copied library's version-need entry so the dynamic loader accepts it. Where the system
// libstdc++ is new enough nothing is written.
public class WeakenMissingLibStdCxxVersions : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var systemLibrary = new[]
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        }.FirstOrDefault(File.Exists);
        if (systemLibrary == null)
        {
            Log.LogMessage(MessageImportance.Low, "No system libstdc++.so.6 found; native libraries left as shipped.");
            return true;
        }
        var systemBytes = File.ReadAllBytes(systemLibrary);
        foreach (var item in Libraries)
        {
            var path = item.ItemSpec;
            var weakened = Weaken(path, version => !Contains(systemBytes, Encoding.ASCII.GetBytes(version + "\0")));
            if (weakened.Count > 0)
                Log.LogMessage(MessageImportance.High, "{0}: marked {1} weak (absent from {2})", path, string.Join(", ", weakened), systemLibrary);
        }
        return !Log.HasLoggedErrors;
    }

    private List<string> Weaken(string path, Func<string, bool> isMissing)
    {
        var bytes = File.ReadAllBytes(path);
        var weakened = new List<string>();
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[4] != 2 || bytes[5] != 1)
        {
            Log.LogWarning("{0} is not a little-endian ELF64 file; left unchanged.", path);
            return weakened;
        }
        long sectionHeaders = (long)BitConverter.ToUInt64(bytes, 0x28);
        int entrySize = BitConverter.ToUInt16(bytes, 0x3A);
        int count = BitConverter.ToUInt16(bytes, 0x3C);
        for (int i = 0; i < count; i++)
        {
            long header = sectionHeaders + (long)i * entrySize;
            if (BitConverter.ToUInt32(bytes, (int)header + 4) != ShtGnuVerneed) continue;
            long offset = (long)BitConverter.ToUInt64(bytes, (int)header + 0x18);
            int link = (int)BitConverter.ToUInt32(bytes, (int)header + 0x28);
            int needCount = (int)BitConverter.ToUInt32(bytes, (int)header + 0x2C);
            long strings = (long)BitConverter.ToUInt64(bytes, (int)(sectionHeaders + (long)link * entrySize) + 0x18);
            long need = offset;
            for (int n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(bytes, (int)need + 2);
                string file = ReadString(bytes, strings + BitConverter.ToUInt32(bytes, (int)need + 4));
                long aux = need + BitConverter.ToUInt32(bytes, (int)need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    int flagsAt = (int)aux + 4;
                    string version = ReadString(bytes, strings + BitConverter.ToUInt32(bytes, (int)aux + 8));
                    ushort flags = BitConverter.ToUInt16(bytes, flagsAt);
                    if (file.StartsWith("libstdc++", StringComparison.Ordinal) && (flags & VerFlagWeak) == 0 && isMissing(version))
                    {
                        BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(bytes, flagsAt);
                        weakened.Add(version);
                    }
                    aux += BitConverter.ToUInt32(bytes, (int)aux + 12);
                }
                need += BitConverter.ToUInt32(bytes, (int)need + 12);
            }
        }
        if (weakened.Count > 0)
        {
            // Replace rather than write in place: the output may be a hard link into the NuGet cache.
            var temporary = path + ".weakening";
            File.WriteAllBytes(temporary, bytes);
            File.Delete(path);
            File.Move(temporary, path);
        }
        return weakened;
    }

    private static string ReadString(byte[] bytes, long at)
    {
        int end = (int)at;
        while (bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, (int)at, end - (int)at);
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }
}
