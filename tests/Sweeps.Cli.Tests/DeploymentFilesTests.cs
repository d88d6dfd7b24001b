using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Sweeps.Orchestration;
using Sweeps.Storage;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Cli.Tests;

/// <summary>The shipped deployment files (docker compose, Slurm array job, Kubernetes Job) pass only settings that
/// exist on <see cref="SweepsOptions"/>, with values of their types, and only commands and options the program has.</summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = SystemdServiceTests.RepositoryRoot();

    /// <summary>What the scheduler or the shell would put in place of a variable, for type checks.</summary>
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["SLURM_CPUS_PER_TASK"] = "8",
        ["SLURM_ARRAY_JOB_ID"] = "1234",
        ["SLURM_ARRAY_TASK_ID"] = "3",
        ["SWEEPS_DB_PASSWORD"] = "secret",
    };

    [Fact]
    public void Compose_runs_PostgreSQL_a_migration_and_replicated_workers_on_one_shared_checkpoint_folder()
    {
        var services = (YamlMappingNode)LoadYaml(Path.Combine(Root, "docker", "compose.yaml")).Single()["services"];

        Assert.StartsWith("postgres:", Scalar(services["db"]["image"]));
        var migrate = services["migrate"];
        var worker = services["worker"];
        AssertValidCommand(Sequence(migrate["command"]), "migrate");
        AssertValidCommand(Sequence(worker["command"]), "worker");
        Assert.Equal("2", Expand(Scalar(worker["deploy"]["replicas"])));
        var options = Bind(Environment(migrate));
        Assert.Equal(DatabaseProvider.PostgreSql, DatabaseConnectionString.ProviderOf(options.Database));
        var workerOptions = Bind(Environment(worker));
        Assert.Equal(options.Database, workerOptions.Database);
        // The checkpoint folder is a volume every replica mounts.
        Assert.Contains(Sequence(worker["volumes"]), volume => volume.EndsWith(":" + workerOptions.CheckpointRoot, StringComparison.Ordinal));
    }

    [Fact]
    public void The_Slurm_array_job_gives_every_task_its_own_worker_id_on_shared_settings()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "deploy", "slurm", "sweeps-workers.sbatch"));

        Assert.Contains(lines, line => line.StartsWith("#SBATCH --array=", StringComparison.Ordinal));
        var settings = lines.Select(line => ExportLine().Match(line)).Where(match => match.Success)
            .ToDictionary(match => match.Groups["name"].Value, match => Expand(match.Groups["value"].Value.Trim('"')));
        var options = Bind(settings);
        Assert.Equal(DatabaseProvider.PostgreSql, DatabaseConnectionString.ProviderOf(options.Database));
        Assert.Equal("slurm-1234-3", options.WorkerId);
        Assert.Equal(8, options.TorchThreads);
        var run = Assert.Single(lines, line => line.StartsWith("/opt/sweeps/sweeps ", StringComparison.Ordinal));
        AssertValidCommand(run.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].TakeWhile(word => word != "&").ToList(), "worker");
    }

    [Fact]
    public void The_Kubernetes_Job_runs_N_workers_named_by_their_pods_on_a_shared_volume()
    {
        var documents = LoadYaml(Path.Combine(Root, "deploy", "kubernetes", "sweeps-workers.yaml"));
        var job = documents.Single(document => Scalar(document["kind"]) == "Job");
        var claim = documents.Single(document => Scalar(document["kind"]) == "PersistentVolumeClaim");

        Assert.True(int.Parse(Scalar(job["spec"]["parallelism"])) > 1);
        Assert.Equal(["ReadWriteMany"], Sequence(claim["spec"]["accessModes"]));
        var pod = job["spec"]["template"]["spec"];
        var container = Assert.Single(((YamlSequenceNode)pod["containers"]).Children);
        AssertValidCommand(Sequence(container["args"]), "worker");
        var env = ((YamlSequenceNode)container["env"]).Children.Cast<YamlMappingNode>().ToList();
        Assert.Equal("metadata.name", Scalar(env.Single(e => Scalar(e["name"]) == "Sweeps__WorkerId")["valueFrom"]["fieldRef"]["fieldPath"]));
        // Values from secrets and the downward API are stood in for by a PostgreSQL string and a pod name.
        var settings = env.ToDictionary(e => Scalar(e["name"]), e => ((YamlMappingNode)e).Children.ContainsKey("value")
            ? Scalar(e["value"])
            : Scalar(e["name"]) == "Sweeps__Database" ? "Host=sweeps-db;Port=5432;Database=sweeps;Username=sweeps" : "sweeps-workers-x7k2p");
        var options = Bind(settings);
        var claimName = Scalar(((YamlSequenceNode)pod["volumes"]).Children.Single()["persistentVolumeClaim"]["claimName"]);
        Assert.Equal(Scalar(claim["metadata"]["name"]), claimName);
        var mount = Scalar(((YamlSequenceNode)container["volumeMounts"]).Children.Single()["mountPath"]);
        Assert.StartsWith(mount + "/", options.CheckpointRoot);
    }

    /// <summary>Binds the Sweeps__ settings as the program would, failing on a name <see cref="SweepsOptions"/> lacks
    /// or a value its property cannot take.</summary>
    private static SweepsOptions Bind(IReadOnlyDictionary<string, string> environment)
    {
        var prefix = SweepsOptions.Section + "__";
        var settings = environment.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(settings);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(pair => new KeyValuePair<string, string?>(pair.Key.Replace("__", ":"), pair.Value)))
            .Build();
        return configuration.GetSection(SweepsOptions.Section).Get<SweepsOptions>(binder => binder.ErrorOnUnknownConfiguration = true)!;
    }

    private static void AssertValidCommand(IReadOnlyList<string> arguments, string command)
    {
        var parsed = SweepsCommandLine.Create().Parse(arguments.ToArray());
        Assert.True(parsed.Errors.Count == 0, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        Assert.Equal(command, parsed.CommandResult.Command.Name);
    }

    /// <summary>Replaces <c>${NAME:-default}</c> by its default and <c>${NAME}</c> by <see cref="Variables"/>.</summary>
    private static string Expand(string value) =>
        ShellVariable().Replace(value, match => match.Groups["default"].Success ? match.Groups["default"].Value : Variables[match.Groups["name"].Value]);

    private static Dictionary<string, string> Environment(YamlNode service) =>
        ((YamlMappingNode)service["environment"]).Children.ToDictionary(pair => Scalar(pair.Key), pair => Expand(Scalar(pair.Value)));

    private static List<YamlNode> LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(document => document.RootNode).ToList();
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;

    private static List<string> Sequence(YamlNode node) => ((YamlSequenceNode)node).Children.Select(Scalar).ToList();

    [GeneratedRegex(@"^export (?<name>Sweeps__\w+)=(?<value>.*)$")]
    private static partial Regex ExportLine();

    [GeneratedRegex(@"\$\{(?<name>\w+)(:-(?<default>[^}]*))?\}")]
    private static partial Regex ShellVariable();
}
