using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Sweeps.LivePage;

/// <summary>A part of a page that changes on its own (a sweep's table, its figures, a trial's log): the page's
/// script swaps in a new one when its <paramref name="Hash"/> differs from the one shown.</summary>
public sealed record LiveRegion(string Key, string Hash, string Html)
{
    public static LiveRegion Of(string key, string innerHtml)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(innerHtml)), 0, 8);
        return new LiveRegion(key, hash,
            $"<section class=\"region\" data-region=\"{WebUtility.HtmlEncode(key)}\" data-hash=\"{hash}\">\n{innerHtml}</section>\n");
    }
}
