using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>Parses the text into one YAML document, turning syntax failures into located errors.</summary>
internal static class YamlDocumentLoader
{
    /// <returns>The root node, or null after reporting why there is none.</returns>
    public static YamlNode? Load(string yaml, SpecErrorList errors)
    {
        var parser = new PositionTrackingParser(new Parser(new StringReader(yaml)));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException syntax)
        {
            errors.Add(syntax.Start, "", syntax.Message);
            return null;
        }
        catch (InvalidOperationException)
        {
            if (parser.OpenFlowCollection is { } unclosed)
                errors.Add(unclosed, "", $"this '{yaml[(int)unclosed.Index]}' is never closed");
            else
                errors.Add(parser.LastGoodPosition, "", "malformed YAML after this point");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            errors.Add(new Mark(0, 1, 1), "", "the file is empty; expected a mapping with at least 'name'");
            return null;
        }
        if (stream.Documents.Count > 1)
            errors.Add(stream.Documents[1].RootNode, "", "expected a single YAML document; remove the second '---' and what follows");
        return stream.Documents[0].RootNode;
    }
}
