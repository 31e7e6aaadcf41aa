using System.Text;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Core.Tests.Scenarios;

/// <summary>Finding the line of a JSON path, for error messages.</summary>
public sealed class JsonLocatorTests
{
    private static readonly byte[] Document = Encoding.UTF8.GetBytes("""
        {
          "a": [
            1,
            { "b": true }
          ],
          "c": "x",
          "c": "y"
        }
        """);

    [Theory]
    [InlineData("$", 1L)]
    [InlineData("$.a", 2L)]
    [InlineData("$.a[0]", 3L)]
    [InlineData("$.a[1].b", 4L)]
    [InlineData("$.c", 6L)]
    [InlineData("$.missing", null)]
    public void LineOf_Path_IsTheLineWhereItStarts(string path, long? line)
    {
        Assert.Equal(line, JsonLocator.LineOf(Document, path));
    }

    [Theory]
    [InlineData(1, 6L)]
    [InlineData(2, 7L)]
    [InlineData(3, null)]
    public void LineOf_RepeatedKey_FindsEachOccurrence(int occurrence, long? line)
    {
        Assert.Equal(line, JsonLocator.LineOf(Document, "$.c", occurrence));
    }
}
