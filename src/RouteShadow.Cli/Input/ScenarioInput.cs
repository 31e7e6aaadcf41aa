namespace RouteShadow.Cli.Input;

/// <summary>One scenario document to check, and where it starts.</summary>
/// <param name="Source">The file, as the user named it (or as found under a folder they named).</param>
/// <param name="Line">The 1-based line of <paramref name="Source"/> the document starts on.</param>
/// <param name="Utf8">The document; valid only until the next chunk of inputs is read.</param>
internal readonly record struct ScenarioInput(string Source, long Line, ReadOnlyMemory<byte> Utf8);
