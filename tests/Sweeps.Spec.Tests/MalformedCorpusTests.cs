namespace Sweeps.Spec.Tests;

/// <summary>
/// Each Malformed/*.yaml must be rejected with exactly the lines of its sibling *.expected
/// ("file:line:column: key.path: message", file name only), in file order. Data paths are checked
/// with the corpus convention that a path exists unless it starts with <c>missing/</c>.
/// </summary>
public class MalformedCorpusTests
{
    private static readonly string CorpusFolder = Path.Combine(AppContext.BaseDirectory, "Malformed");

    private static readonly SweepValidation MissingUnderMissing = new() { DataPathExists = path => !path.StartsWith("missing/", StringComparison.Ordinal) };

    public static TheoryData<string> CorpusFiles()
    {
        var files = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(CorpusFolder, "*.yaml").Order(StringComparer.Ordinal))
            files.Add(Path.GetFileName(path));
        return files;
    }

    [Fact]
    public void Corpus_is_copied_next_to_the_tests_and_every_file_has_its_expectations()
    {
        var yamlFiles = Directory.GetFiles(CorpusFolder, "*.yaml").Select(Path.GetFileNameWithoutExtension);
        var expectedFiles = Directory.GetFiles(CorpusFolder, "*.expected").Select(Path.GetFileNameWithoutExtension);

        Assert.True(yamlFiles.Count() >= 45, $"only {yamlFiles.Count()} malformed files");
        Assert.Equal(yamlFiles.Order(), expectedFiles.Order());
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_problem_is_reported_with_its_position_and_key(string fileName)
    {
        var path = Path.Combine(CorpusFolder, fileName);
        var expected = File.ReadAllLines(Path.ChangeExtension(path, ".expected")).Where(line => line.Length > 0);

        var error = Assert.Throws<SweepSpecException>(() => SweepFile.Load(path, MissingUnderMissing));

        Assert.Equal(expected, error.Errors.Select(e => e.ToString()));
    }
}
