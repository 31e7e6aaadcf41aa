namespace RouteShadow.Tests.Shared;

/// <summary>Locates files of this repository (fixtures/) from the test's output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RouteShadow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RouteShadow.sln not found above " + AppContext.BaseDirectory);
    }
}
