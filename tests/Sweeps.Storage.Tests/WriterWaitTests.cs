using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage.Tests;

public sealed class WriterWaitTests
{
    /// <summary>SQLite only: it locks the whole database for a writer. PostgreSQL locks rows, so writers of
    /// different rows never wait for each other, and ones of the same row wait by design.</summary>
    [Fact]
    public async Task A_second_writer_waits_for_an_open_write_transaction_instead_of_failing()
    {
        await using var database = await TempDatabase.MigratedAsync(DatabaseProvider.Sqlite);
        var holder = database.OpenContext();
        var writer = database.OpenCatalog();

        var transaction = await holder.Database.BeginTransactionAsync();
        holder.Sweeps.Add(new Sweep { Name = "held", YamlText = "", YamlSha256 = "" });
        await holder.SaveChangesAsync();

        var waiting = Task.Run(() => writer.AddSweepAsync("waiting", "x: 1\n", [new NewTrial("a", "{}", "h")], force: false, CancellationToken.None));
        // Gives the writer time to hit the lock: a writer that fails fast would be finished (faulted) by now.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted, "the second writer finished while the first held the write lock");

        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        var added = await waiting;

        var names = (await writer.ListSweepsAsync(CancellationToken.None)).Select(s => s.Name);
        Assert.Equal(["held", "waiting"], names);
        Assert.Single(added.TrialIds);
    }
}
