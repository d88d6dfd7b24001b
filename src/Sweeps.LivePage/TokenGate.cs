using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Sweeps.LivePage;

/// <summary>
/// Lets through only requests that carry the token: <c>Authorization: Bearer T</c> (scripts), or the cookie a browser
/// gets by opening the page once with <c>?token=T</c> (the address bar is then cleaned of it by a redirect). Tokens are
/// compared in constant time; anything else gets 401.
/// </summary>
public sealed class TokenGate(string token)
{
    public const string CookieName = "sweeps-token";
    public const string QueryName = "token";
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (request.Query.TryGetValue(QueryName, out var fromQuery) && Matches(fromQuery.ToString()))
        {
            // Strict: no other site's page can make the browser send it.
            context.Response.Cookies.Append(CookieName, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            if (HttpMethods.IsGet(request.Method))
            {
                var rest = new QueryBuilder(request.Query.Where(q => q.Key != QueryName).SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))));
                context.Response.Redirect(request.PathBase + request.Path + rest.ToQueryString());
                return;
            }
            await next(context);
            return;
        }
        var header = request.Headers.Authorization.ToString();
        if ((header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && Matches(header["Bearer ".Length..].Trim()))
            || (request.Cookies.TryGetValue(CookieName, out var cookie) && Matches(cookie)))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsync(
            $"This live page needs its token: open it once as /?{QueryName}=T, or send Authorization: Bearer T.\n", context.RequestAborted);
    }

    /// <summary>Compares hashes, so neither the length nor the first differing byte shows in the time taken.</summary>
    private bool Matches(string candidate) => CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), _expected);
}
