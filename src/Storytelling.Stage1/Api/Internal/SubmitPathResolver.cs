using Microsoft.Win32.SafeHandles;

namespace Storytelling.Stage1.Api.Internal;

/// <summary>
/// Turns a path a client names into a file under <c>stage1.submit_path_root</c>, or says why not. <c>..</c> is
/// resolved first, then every symbolic link along the path, and the result must lie inside the root (itself resolved).
/// The file is opened by its resolved path and, where <c>/proc/self/fd</c> exists, checked again after opening, so a
/// link swapped in between the check and the open is caught.
/// </summary>
internal sealed class SubmitPathResolver
{
    public const string RootKey = "stage1.submit_path_root";
    private const int MaxLinkHops = 40;
    private static readonly StringComparison PathComparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string _configuredRoot;
    private readonly string _root;

    private SubmitPathResolver(string configuredRoot, string resolvedRoot)
    {
        _configuredRoot = configuredRoot;
        _root = resolvedRoot;
    }

    /// <summary>False when <c>stage1.submit_path_root</c> is empty: submission by path is turned off.</summary>
    public bool Enabled => _root.Length > 0;

    public string ConfiguredRoot => _configuredRoot;

    /// <summary>A resolver for <paramref name="root"/>; empty turns submission by path off. A root that is not an existing folder is an error naming the key.</summary>
    public static SubmitPathResolver Create(string? root)
    {
        if (string.IsNullOrWhiteSpace(root))
        {
            return new SubmitPathResolver("", "");
        }

        var resolved = RealPath(Path.GetFullPath(root))
            ?? throw new ArgumentException($"setting '{RootKey}' = '{root}': more than {MaxLinkHops} symbolic links along it (a loop?).", nameof(root));
        if (!Directory.Exists(resolved))
        {
            throw new ArgumentException(
                $"setting '{RootKey}' = '{root}': no such folder; create it, or set the key to \"\" to turn submission by path off.", nameof(root));
        }

        return new SubmitPathResolver(root, resolved);
    }

    /// <summary>Opens the file <paramref name="requested"/> names for reading, or returns the problem a client can fix.</summary>
    public SubmitPathResult Open(string requested)
    {
        if (!Enabled)
        {
            throw new InvalidOperationException($"submission by path is turned off ({RootKey} is empty); check Enabled first.");
        }

        if (requested.Contains('\0', StringComparison.Ordinal))
        {
            return SubmitPathResult.Refused($"path '{requested.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character");
        }

        var candidate = Path.GetFullPath(Path.IsPathRooted(requested) ? requested : Path.Combine(_root, requested));
        var resolved = RealPath(candidate);
        if (resolved is null)
        {
            return SubmitPathResult.Refused($"path '{requested}' has more than {MaxLinkHops} symbolic links along it (a loop?)");
        }

        if (!IsInsideRoot(resolved))
        {
            return SubmitPathResult.Refused(OutsideRoot(requested));
        }

        if (Directory.Exists(resolved))
        {
            return SubmitPathResult.Refused($"path '{requested}' is a folder; name a JSONL file under {RootKey} '{_configuredRoot}'");
        }

        if (!File.Exists(resolved))
        {
            return SubmitPathResult.Refused($"no file at path '{requested}' under {RootKey} '{_configuredRoot}'");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(resolved, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            });
        }
        catch (UnauthorizedAccessException)
        {
            return SubmitPathResult.Refused($"path '{requested}' cannot be read by the server (permission denied); make it readable by the service's user");
        }

        if (OpenedPath(stream.SafeFileHandle) is { } opened && !IsInsideRoot(opened))
        {
            stream.Dispose();
            return SubmitPathResult.Refused(OutsideRoot(requested));
        }

        return new SubmitPathResult(stream, resolved, null);
    }

    private string OutsideRoot(string requested) =>
        $"path '{requested}' is outside {RootKey} '{_configuredRoot}' (after resolving '..' and symbolic links); name a file inside that folder";

    private bool IsInsideRoot(string path)
    {
        var prefix = Path.EndsInDirectorySeparator(_root) ? _root : _root + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparison);
    }

    /// <summary>The path the kernel reports for an open file (Linux); null where that cannot be asked.</summary>
    private static string? OpenedPath(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var link = new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}");
        return link.LinkTarget;
    }

    /// <summary>
    /// <paramref name="fullPath"/> (already free of <c>.</c> and <c>..</c>) with every symbolic link along it replaced by its
    /// target, as <c>realpath</c> does; components that do not exist are kept as they are. Null after too many links (a loop).
    /// </summary>
    private static string? RealPath(string fullPath, int hops = 0)
    {
        var root = Path.GetPathRoot(fullPath) ?? throw new ArgumentException($"path '{fullPath}' has no root", nameof(fullPath));
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (hops >= MaxLinkHops)
                {
                    return null;
                }

                var rest = string.Join(Path.DirectorySeparatorChar, parts[(i + 1)..]);
                var followed = Path.GetFullPath(Path.Combine(Path.GetFullPath(target, current), rest));
                return RealPath(followed, hops + 1);
            }

            current = next;
        }

        return current;
    }
}

/// <summary>The opened file and its resolved path, or the problem that stopped it.</summary>
internal sealed record SubmitPathResult(FileStream? Stream, string? ResolvedPath, string? Problem)
{
    public static SubmitPathResult Refused(string problem) => new(null, null, problem);
}
