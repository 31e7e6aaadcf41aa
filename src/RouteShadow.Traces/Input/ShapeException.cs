namespace RouteShadow.Traces.Input;

/// <summary>A line is valid JSON but a field has the wrong type or a required one is missing.</summary>
internal sealed class ShapeException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;
}
