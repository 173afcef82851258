using System.Globalization;
using System.IO;

namespace SchemaDrift.Core.Freshness
{
    /// <summary>
    /// A SQLite database's change stamp: modification time and size of the file and
    /// of its write-ahead log (in WAL mode a schema change may only touch the -wal
    /// file until the next checkpoint). Shared by the MSBuild task's fast path and the
    /// tool, which must agree on it exactly.
    /// </summary>
    public static class FileStamp
    {
        public static string? Of(string? databaseFile)
        {
            if (string.IsNullOrEmpty(databaseFile)) return null;
            var main = One(databaseFile!);
            if (main == null) return null;
            return main + "|" + (One(databaseFile + "-wal") ?? "-");
        }

        private static string? One(string file)
        {
            try
            {
                var info = new FileInfo(file);
                if (!info.Exists) return null;
                return info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture) + ":" +
                       info.Length.ToString(CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return null;
            }
            catch (System.UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
