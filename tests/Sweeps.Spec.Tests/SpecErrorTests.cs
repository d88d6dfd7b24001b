namespace Sweeps.Spec.Tests;

public class SpecErrorTests
{
    [Fact]
    public void Formats_as_file_line_column_key_path_message()
    {
        Assert.Equal("a.yaml:3:7: base.model.depth: expected 6 or 18, got 7",
            new SpecError("a.yaml", 3, 7, "base.model.depth", "expected 6 or 18, got 7").ToString());
        Assert.Equal("a.yaml:1:4: could not parse", new SpecError("a.yaml", 1, 4, "", "could not parse").ToString());
    }

    [Fact]
    public void Exception_lists_every_error_in_file_order_one_per_line()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepFile.Parse("""
            repeats: 0
            base:
              model:
                width: 0
            """, "many.yaml"));

        Assert.Equal(
            [
                "many.yaml:1:1: name: required key is missing",
                "many.yaml:1:10: repeats: expected an integer >= 1, got 0",
                "many.yaml:4:12: base.model.width: expected a number > 0, got 0",
            ],
            error.Errors.Select(e => e.ToString()));
        Assert.Equal(string.Join(Environment.NewLine, error.Errors), error.Message);
    }

    [Theory]
    [InlineData("name: x\nbase: {model: {depth: 6}\n", 3, 1)]
    [InlineData("name: x\nparameters:\n  model.depth:\n    values: [6, 18\n", 5, 1)]
    // YamlDotNet's scanner fails here without a position; the error points at the unclosed '['.
    [InlineData("name: x\nparameters:\n  model.depth:\n    values: [6, 18\n  model.width:\n    values: [1]\n", 4, 13)]
    [InlineData("name: x\n  description: y\n", 2, 14)]
    public void Malformed_yaml_is_one_error_at_the_parser_position(string yaml, int line, int column)
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepFile.Parse(yaml, "syntax.yaml"));

        var only = Assert.Single(error.Errors);
        Assert.Equal((line, column, ""), (only.Line, only.Column, only.KeyPath));
    }
}
