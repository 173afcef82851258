using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SchemaDrift.Tool.Connections;

namespace SchemaDrift.Tool.Introspection;

/// <summary>
/// What the server engines share when a connection fails: network errors, timeouts and
/// keeping secrets out of messages. Messages are built from parts we choose (host, port,
/// user, database, the server's own error text) and then scrubbed of every secret in the
/// connection string, so no password reaches a message even if a server echoes one.
/// </summary>
internal static class ConnectionFailures
{
    /// <summary>
    /// Wraps an engine's <paramref name="describe"/> so that every message it builds is
    /// scrubbed of the connection string's secrets before anyone sees it.
    /// </summary>
    public static Func<Exception, IntrospectionException?> Translator(Func<Exception, IntrospectionException?> describe, string connectionString) =>
        ex => describe(ex) is { } translated ? Scrubbed(translated, connectionString) : null;

    /// <summary>Opens <paramref name="connection"/>; on failure disposes it and throws the translated exception.</summary>
    public static async Task OpenAsync(DbConnection connection, Func<Exception, IntrospectionException?> translate, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            await connection.DisposeAsync();
            if (!cancellationToken.IsCancellationRequested && translate(ex) is { } translated) throw translated;
            throw;
        }
    }

    /// <summary>A refused port, an unknown host, an unreachable network or a timeout, or null when the failure is something else.</summary>
    public static IntrospectionException? Network(Exception ex, string engine, string endpoint, int timeoutSeconds)
    {
        for (var e = ex; e != null; e = e.InnerException)
        {
            if (e is SocketException se)
            {
                switch (se.SocketErrorCode)
                {
                    case SocketError.ConnectionRefused:
                        return new IntrospectionException("nothing accepts connections at " + endpoint + " (connection refused)",
                            "Start the " + engine + " server, or fix the host and port in the connection string.", ex);
                    case SocketError.HostNotFound:
                    case SocketError.NoData:
                    case SocketError.TryAgain:
                        return new IntrospectionException("the host of " + endpoint + " cannot be resolved",
                            "Check the host name in the connection string (and your DNS or VPN).", ex);
                    case SocketError.TimedOut:
                        return TimedOut(engine, endpoint, timeoutSeconds, ex);
                    case SocketError.NetworkUnreachable:
                    case SocketError.HostUnreachable:
                        return new IntrospectionException("the network path to " + endpoint + " is unreachable",
                            "Check the host in the connection string and your network or VPN.", ex);
                    default:
                        return new IntrospectionException("the connection to " + endpoint + " failed (" + se.SocketErrorCode + ")",
                            "Check that the " + engine + " server is running and reachable from this machine.", ex);
                }
            }
            if (e is TimeoutException)
            {
                return TimedOut(engine, endpoint, timeoutSeconds, ex);
            }
        }
        return null;
    }

    /// <summary>
    /// For drivers that report every failed connect alike (MySqlConnector): tells an
    /// unknown host from a closed port by resolving the name, after the fact and briefly.
    /// </summary>
    public static IntrospectionException Unreachable(string engine, ConnectionFacts f, Exception inner)
    {
        bool resolves;
        try
        {
            resolves = IPAddress.TryParse(f.Host, out _) || Dns.GetHostAddressesAsync(f.Host).Wait(TimeSpan.FromSeconds(Math.Min(f.TimeoutSeconds, 2)));
        }
        catch (AggregateException)
        {
            resolves = false;
        }
        return resolves
            ? new IntrospectionException("nothing accepts connections at " + f.Endpoint + " (connection refused or unreachable)",
                "Start the " + engine + " server, or fix the host and port in the connection string.", inner)
            : new IntrospectionException("the host of " + f.Endpoint + " cannot be resolved",
                "Check the host name in the connection string (and your DNS or VPN).", inner);
    }

    public static IntrospectionException TimedOut(string engine, string endpoint, int timeoutSeconds, Exception? inner) =>
        new("the " + engine + " server at " + endpoint + " did not answer within " + timeoutSeconds.ToString(CultureInfo.InvariantCulture) + " s",
            "Check that the server is running and reachable, or raise SchemaDriftTimeoutSeconds.", inner);

    public static IntrospectionException InvalidConnectionString(string engine, Exception inner, string connectionString) =>
        new("the connection string is not valid for the " + engine + " driver: " + Scrub(inner.Message, connectionString),
            "Fix the connection string (see the driver's documentation for its keywords).", inner);

    /// <summary>Removes every password (and the connection string itself) from <paramref name="text"/>.</summary>
    public static string Scrub(string text, string connectionString)
    {
        if (string.IsNullOrEmpty(text)) return text;
        if (connectionString.Length > 0) text = text.Replace(connectionString, "***");
        foreach (var secret in ConnectionStrings.SecretsIn(connectionString).OrderByDescending(s => s.Length))
        {
            if (secret.Length > 0) text = text.Replace(secret, "***");
        }
        return text;
    }

    /// <summary>The same exception with its message and remedy scrubbed (inner exceptions are never printed).</summary>
    public static IntrospectionException Scrubbed(IntrospectionException ex, string connectionString) =>
        new(Scrub(ex.Message, connectionString), Scrub(ex.Remedy, connectionString), ex.InnerException);
}

/// <summary>The non-secret facts about a connection that failure messages may name.</summary>
internal sealed record ConnectionFacts(string Host, int Port, string User, string Database, int TimeoutSeconds)
{
    public string Endpoint => Host + ":" + Port.ToString(CultureInfo.InvariantCulture);
}
