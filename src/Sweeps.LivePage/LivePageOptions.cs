using System.Net;
using Sweeps.Faults;

namespace Sweeps.LivePage;

/// <summary>What <c>sweeps serve</c> was told: where to listen, the token every request must carry (null: none),
/// and whether the page offers the operator's commands.</summary>
public sealed record LivePageOptions(int Port, string Bind, string? Token, bool AllowControl)
{
    public const int DefaultPort = 5080;
    public const string DefaultBind = "127.0.0.1";
    public const string LocalhostName = "localhost";

    /// <summary>The address to listen on (null for <c>localhost</c>: both loopback addresses).</summary>
    /// <exception cref="LivePageException">The address is not one, the port is out of range, or an address other
    /// than loopback is given without a token.</exception>
    public IPAddress? ListenAddress()
    {
        if (Port is < 0 or > 65535)
            throw new LivePageException(FaultKind.Configuration, $"serve: --port {Port} is not a TCP port (0 to 65535; 0 picks a free one).");
        if (Token is { Length: 0 })
            throw new LivePageException(FaultKind.Configuration, "serve: --token is empty; give a secret every request must carry.");
        IPAddress? address = null;
        if (!Bind.Equals(LocalhostName, StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(Bind, out address))
            throw new LivePageException(FaultKind.Configuration, $"serve: --bind {Bind} is not an IP address or {LocalhostName}.");
        if (address is null && Port == 0)
            throw new LivePageException(FaultKind.Configuration, $"serve: --port 0 needs an address: --bind {LocalhostName} listens on two, which cannot share a picked port.");
        if (!IsLoopback && Token is null)
            throw new LivePageException(FaultKind.Configuration,
                $"serve: --bind {Bind} is not a loopback address, so anyone who reaches this machine could read the sweeps" +
                (AllowControl ? " and cancel them" : "") + $". Give --token T (every request must then carry it) or bind to {DefaultBind}.");
        return address;
    }

    /// <summary>127.0.0.0/8, ::1 or localhost: only this machine can connect.</summary>
    public bool IsLoopback => Bind.Equals(LocalhostName, StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Bind, out var address) && IPAddress.IsLoopback(address));
}

/// <summary><c>sweeps serve</c> cannot start as told: its options (a configuration fault) or its port (the environment's).</summary>
public sealed class LivePageException(FaultKind fault, string message, Exception? inner = null) : SweepsException(fault, message, inner);
